"""What bench/bench_pages.py needs beside it: the empty page it times as a floor, and the
phases it reads off each page's websocket."""
