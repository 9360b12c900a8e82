from factsite.bench.figures import main

main()
