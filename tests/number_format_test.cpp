#include "ungegaranti/number_format.hpp"

#include <doctest/doctest.h>

using ungegaranti::Lang;

TEST_CASE("numbers in Danish and English format") {
  struct Case {
    double value;
    int decimals;
    const char* da;
    const char* en;
  };
  const Case cases[] = {
      {1234567.891, 0, "1.234.568", "1,234,568"},
      {1234567.891, 2, "1.234.567,89", "1,234,567.89"},
      {-1500, 0, "-1.500", "-1,500"},
      {999, 0, "999", "999"},
      {1000, 0, "1.000", "1,000"},
      {0, 0, "0", "0"},
      {-0.4, 0, "0", "0"},         // no "-0"
      {2.675, 2, "2,68", "2.68"},  // half away from zero, not binary ties-to-even
      {0.5, 0, "1", "1"},
      {-0.5, 0, "-1", "-1"},
      {12.0, 1, "12,0", "12.0"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.value);
    CHECK(ungegaranti::format_number(c.value, c.decimals, Lang::kDa) == c.da);
    CHECK(ungegaranti::format_number(c.value, c.decimals, Lang::kEn) == c.en);
  }
}

TEST_CASE("plain numbers for CSV are never grouped") {
  CHECK(ungegaranti::format_plain(1234567.5, 2, Lang::kDa) == "1234567,50");
  CHECK(ungegaranti::format_plain(1234567.5, 2, Lang::kEn) == "1234567.50");
}

TEST_CASE("percentages") {
  CHECK(ungegaranti::format_percent(0.032, 1, Lang::kDa) == "3,2 %");
  CHECK(ungegaranti::format_percent(0.032, 1, Lang::kEn) == "3.2%");
}

TEST_CASE("as many decimals as the value needs") {
  CHECK(ungegaranti::format_shortest(1924, 6, Lang::kDa) == "1.924");
  CHECK(ungegaranti::format_shortest(0.032, 6, Lang::kDa) == "0,032");
  CHECK(ungegaranti::format_shortest(0.5, 6, Lang::kEn) == "0.5");
  CHECK(ungegaranti::format_shortest(1234.5, 6, Lang::kDa, false) == "1234,5");
  CHECK(ungegaranti::format_shortest(-2, 6, Lang::kEn) == "-2");
}
