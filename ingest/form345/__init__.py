"""The Form 3/4/5 ``<ownershipDocument>`` parser: safe lxml, header sections, Tables I and II."""
