#pragma once

#include <string>

/// A small valid scenario whose costs are easy to compute by hand (see cost_test.cpp).
inline const std::string kHandScenario = R"(ungegaranti: 1
title: Hand
municipality: { code: 707, name: Norddjurs }
years: { first: 2025, count: 2 }
price_base: 2025
hours_per_fte: 1000
indexation: { wages: 0.1, other: 0.05 }
departments:
  ama: { name: AMA }
  bfo: { name: BFO }
tracks:
  a: { name: A, department: bfo }
  b: { name: B, department: ama }
roles:
  cw: { name: CW, annual_cost: 500000, department: ama }
  chief: { name: Chief, annual_cost: 1000000, department: bfo }
steering_group:
  members: { chief: 2 }
  meetings_per_year: 4
  hours_per_meeting: 3
  secretariat: { role: cw, hours_per_year: 100 }
models:
  guld:
    coordination: central
    staffing: { cw: 2 }
    one_off: [ { id: mat, year: 2026, amount: 100000, track: b } ]
  solv:
    coordination: central
    staffing: { cw: 1.5 }
    funding: [ { id: p, amount: 40000, from: 2026, department: ama } ]
  bronze:
    coordination: decentral
    status_reporting: { role: cw, hours_per_year: 200 }
initiatives:
  - id: mentor
    track: a
    wage_share: 0.5
    ramp: [0.5, 1]
    per_model:
      solv: { participants: 10, unit_cost: 20000, fixed_cost: 30000 }
      bronze: { participants: 4, unit_cost: 20000 }
)";
