#include "ungegaranti/labels.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/load.hpp"

using ungegaranti::Lang;

TEST_CASE("input labels use the scenario's own names and a field table, in both languages") {
  // The default scenario: first budget year 2025; band unge_16_24 is 16-24; the initiative
  // udvidet_vejledning is "Udvidet UU-vejledning for unge uden ungdomsuddannelse".
  auto s = ungegaranti::load_scenario("");
  struct Case {
    const char* path;
    const char* da;
    const char* en;
  };
  const Case cases[] = {
      {"initiatives.udvidet_vejledning.per_model.guld.participants",
       "Udvidet UU-vejledning for unge uden ungdomsuddannelse, guld: deltagere om året",
       "Udvidet UU-vejledning for unge uden ungdomsuddannelse, gold: participants a year"},
      {"initiatives.udvidet_vejledning.per_model.solv.unit_cost",
       "Udvidet UU-vejledning for unge uden ungdomsuddannelse, sølv: udgift pr. deltager om året",
       "Udvidet UU-vejledning for unge uden ungdomsuddannelse, silver: cost per participant a "
       "year"},
      // Ramp entry 2 is the third budget year: 2025 + 2 = 2027.
      {"initiatives.udvidet_vejledning.ramp.2",
       "Udvidet UU-vejledning for unge uden ungdomsuddannelse: indfasning 2027",
       "Udvidet UU-vejledning for unge uden ungdomsuddannelse: phase-in 2027"},
      {"roles.sagsbehandler.annual_cost", "Sagsbehandler: årsværkspris",
       "Sagsbehandler: annual cost per FTE"},
      {"models.solv.effects.vejledning", "Sølv: effekt af Vejledningssporet",
       "Silver: effect of Vejledningssporet"},
      {"models.guld.staffing.sagsbehandler", "Guld: Sagsbehandler, årsværk",
       "Gold: Sagsbehandler, FTE"},
      {"population.unge_16_24.count", "Antal 16-24-årige", "Number of people aged 16-24"},
      {"coverage.overlap.unge_16_24", "Overlap blandt 16-24-årige",
       "Overlap among people aged 16-24"},
      // education_to_work.3 is the flow at age 16 + 3 = 19.
      {"projection.baseline.education_to_work.3",
       "Fremskrivning: fra uddannelse til job som 19-årig",
       "Projection: from education to work at 19"},
      {"projection.trend", "Fremskrivning: udviklingen i de øvrige kommuner",
       "Projection: how the other municipalities develop"},
      {"economics.discount_rate", "Diskonteringsrente", "Discount rate"},
      // A part of a quantity written as a map, as diff lists them.
      {"roles.sagsbehandler.annual_cost.low", "Sagsbehandler: årsværkspris, laveste værdi",
       "Sagsbehandler: annual cost per FTE, low end"},
      {"roles.sagsbehandler.annual_cost.value", "Sagsbehandler: årsværkspris",
       "Sagsbehandler: annual cost per FTE"},
      // An id the scenario does not know (the other side of a diff) is put into words.
      {"initiatives.ny_indsats.per_model.guld.participants", "Ny indsats, guld: deltagere om året",
       "Ny indsats, gold: participants a year"},
      // A path no field pattern knows, segment by segment: list index 0 is "nr. 1".
      {"uncertainty.correlations.0.rho", "Usikkerhed, korrelationer, nr. 1, rho",
       "Uncertainty, correlations, no. 1, rho"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.path);
    CHECK(ungegaranti::input_label(s, c.path, Lang::kDa) == c.da);
    CHECK(ungegaranti::input_label(s, c.path, Lang::kEn) == c.en);
  }
}

TEST_CASE("every quantity of the default scenario has its own label, and none is a path") {
  auto s = ungegaranti::load_scenario("");
  const std::regex path(R"([a-z_]+\.[a-z_]+)");
  for (Lang lang : {Lang::kDa, Lang::kEn}) {
    std::set<std::string> seen;
    for (const ungegaranti::Quantity* q : ungegaranti::all_quantities(s)) {
      std::string label = ungegaranti::input_label(s, q->path, lang);
      CAPTURE(q->path);
      CAPTURE(label);
      CHECK_FALSE(std::regex_search(label, path));
      CHECK(label.find('_') == std::string::npos);
      CHECK(seen.insert(label).second);  // two inputs never share a name in the tornado
    }
  }
}

TEST_CASE("units are written as a reader reads them, and unknown unit text is kept") {
  struct Case {
    const char* unit;
    const char* da;
    const char* en;
  };
  const Case cases[] = {
      {"DKK/year", "kr. om året", "DKK a year"},
      {"DKK", "kr.", "DKK"},
      {"DKK/participant/year", "kr. pr. deltager om året", "DKK per participant a year"},
      {"participants/year", "deltagere om året", "participants a year"},
      {"share/year", "andel om året", "share a year"},
      {"hours/year", "timer om året", "hours a year"},
      {"places/year", "pladser om året", "places a year"},
      {"persons", "personer", "persons"},
      {"young people per FTE", "unge pr. årsværk", "young people per FTE"},
      {"kr./år", "kr./år", "kr./år"},  // the user's own words
      {"", "", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.unit);
    CHECK(ungegaranti::unit_label(c.unit, Lang::kDa) == c.da);
    CHECK(ungegaranti::unit_label(c.unit, Lang::kEn) == c.en);
  }
}

TEST_CASE("note_en is read like note and shown with --lang en, else the Danish note") {
  auto s = ungegaranti::load_scenario("", {"roles.sagsbehandler.annual_cost.note=på dansk",
                                           "roles.sagsbehandler.annual_cost.note_en=in English"});
  const ungegaranti::Quantity& q = s.role("sagsbehandler")->annual_cost;
  CHECK(ungegaranti::note_in(q, Lang::kDa) == "på dansk");
  CHECK(ungegaranti::note_in(q, Lang::kEn) == "in English");
  ungegaranti::Quantity danish_only;
  danish_only.note = "kun dansk";
  CHECK(ungegaranti::note_in(danish_only, Lang::kEn) == "kun dansk");
}
