"""The namespaces of kg's own terms (``ontology/dipkg.ttl``) and of its instances.

>>> str(DIP.Person), str(ID["person/ana-ruiz"])
('https://w3id.org/dipkg/ontology#Person', 'https://w3id.org/dipkg/id/person/ana-ruiz')
"""
from __future__ import annotations

from rdflib import Namespace

DIP = Namespace("https://w3id.org/dipkg/ontology#")
ID = Namespace("https://w3id.org/dipkg/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
