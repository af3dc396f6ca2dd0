from omotenashi.cli import main

main()
