#pragma once

namespace ungegaranti {

/// The language of everything a user reads: results, notes and error messages. Danish is the
/// default; the CLI switches to English with --lang en.
enum class Lang { kDa, kEn };

}  // namespace ungegaranti
