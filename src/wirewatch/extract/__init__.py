"""The extract stage: cleaned articles in, ``Extraction`` records out (see ``stage``).

Finders, each a pure function over a spaCy Doc: ``when`` (date expressions), ``actors``
(actor mentions), ``events``, ``quotes``, ``claims``; ``mentions`` looks actors up by position.
"""
