// libFuzzer target: the comparison-data reader, parse_neet_data(). Each input is read three
// times, once in each role, with small valid files in the other roles:
//   - as the shares CSV, with kGroups (no national file);
//   - as the groups CSV, with kShares (no national file);
//   - as the national CSV, with kShares and kGroups.
// kGroups and kShares hold the first three municipalities of scenarios/data, so the first 46 lines
// of neet_16_24_kommuner_2010_2024.csv and the first 4 of kommuner_dst_kommunegrupper.csv are
// valid inputs, as is the whole of neet_16_24_hele_landet_2010_2024.csv.
//
// Only ungegaranti::Error may leave the reader. Anything else (another exception, a crash, a leak,
// undefined behaviour or a hang) is a finding.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "ungegaranti/error.hpp"
#include "ungegaranti/neet_data.hpp"

namespace {

constexpr std::string_view kGroups =
    "kommunekode,kommune,dst_kommunegruppe_kode,dst_kommunegruppe\n"
    "101,København,1,Hovedstadskommuner\n"
    "147,Frederiksberg,1,Hovedstadskommuner\n"
    "151,Ballerup,1,Hovedstadskommuner\n";

constexpr std::string_view kShares =
    "kommunekode,kommune,aar,neet_andel_pct_16_24,original_source\n"
    "101,København,2022,8.13,https://www.statistikbanken.dk/NEET3\n"
    "101,København,2023,8.21,https://www.statistikbanken.dk/NEET3\n"
    "101,København,2024,8.05,https://www.statistikbanken.dk/NEET3\n"
    "147,Frederiksberg,2022,6.72,https://www.statistikbanken.dk/NEET3\n"
    "147,Frederiksberg,2023,6.88,https://www.statistikbanken.dk/NEET3\n"
    "147,Frederiksberg,2024,6.19,https://www.statistikbanken.dk/NEET3\n"
    "151,Ballerup,2022,8.31,https://www.statistikbanken.dk/NEET3\n"
    "151,Ballerup,2023,9.08,https://www.statistikbanken.dk/NEET3\n"
    "151,Ballerup,2024,9.27,https://www.statistikbanken.dk/NEET3\n";

void parse_as(std::string_view shares, std::string_view groups, std::string_view national = {},
              const std::string& national_name = {}) {
  try {
    ungegaranti::parse_neet_data(shares, "shares.csv", groups, "groups.csv", national,
                                 national_name);
  } catch (const ungegaranti::Error& e) {
    // The message is what a user sees: it must be a whole, readable string.
    volatile size_t length = std::strlen(e.what());
    (void)length;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  parse_as(input, kGroups);
  parse_as(kShares, input);
  parse_as(kShares, kGroups, input, "national.csv");
  return 0;
}
