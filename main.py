"""python-for-android starts the app here (buildozer.spec); on a desktop, python -m mobile.app."""

from mobile.app import main

main()
