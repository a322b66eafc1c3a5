"""dossier-review: review Chinese administrative-penalty case files (行政处罚案卷) offline."""
__version__ = "0.1.0"
