fn main() {
    std::process::exit(tally::cli::main());
}
