"""Outputs: GeoJSON, GeoDataFrames, files (GeoJSON, GeoParquet, GeoPackage, CSV) and Folium maps."""
