import CounselCLI

VillageCounsel.run()
