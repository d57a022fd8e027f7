#pragma once

#include <ostream>

namespace ungegaranti::cli {

/// Runs the command line. Returns the exit code: 0 success, 1 bad input or a result that cannot
/// be computed, 2 a bad command line. Takes its streams as parameters so tests run it in-process.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace ungegaranti::cli
