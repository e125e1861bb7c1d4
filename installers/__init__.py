"""Building Outpost for laptops: the PyInstaller bundle, the .deb, the Windows installer."""
