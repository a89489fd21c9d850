"""The offline gazetteer: GeoNames places, regions and countries plus curated conflict places.

>>> from geomap.gazetteer import load_gazetteer
>>> load_gazetteer().candidates("Kiev")[0].name
'Kyiv'
"""

from geomap.gazetteer.core import Gazetteer, load_gazetteer
from geomap.gazetteer.normalize import normalize_name

__all__ = ["Gazetteer", "load_gazetteer", "normalize_name"]
