#include "ungegaranti/cost.hpp"

#include <cassert>
#include <cmath>

namespace ungegaranti {
namespace {

// Collects the rows of one model, year by year.
class CostBuilder {
 public:
  CostBuilder(const Scenario& s, Tier tier, bool indexed)
      : s_(s),
        tier_(tier),
        wage_rate_(indexed ? s.wage_indexation.value : 0.0),
        other_rate_(indexed ? s.other_indexation.value : 0.0) {}

  std::vector<CostRow> build() {
    const Model& model = s_.model(tier_);
    for (const auto& [role, fte] : model.staffing) {
      add_personnel(Category::kStaffing, role, "staffing." + role, fte.value * annual_cost(role));
    }
    for (const Initiative& ini : s_.initiatives)
      add_initiative(ini);
    add_coordination(model);
    for (const OneOff& o : model.one_off) {
      CostRow row =
          base_row(Category::kOneOff, o.track, o.department, "", "one_off." + o.id, o.name);
      for (int year = s_.first_year; year <= s_.last_year(); ++year) {
        row.year = year;
        row.dkk = year == o.year ? o.amount.value * other(year) : 0.0;
        rows_.push_back(row);
      }
    }
    for (const Funding& f : model.funding) {
      CostRow row =
          base_row(Category::kFunding, f.track, f.department, "", "funding." + f.id, f.name);
      for (int year = s_.first_year; year <= s_.last_year(); ++year) {
        row.year = year;
        row.dkk = year >= f.from && year <= f.to ? -f.amount.value : 0.0;  // nominal, not indexed
        rows_.push_back(row);
      }
    }
    return std::move(rows_);
  }

 private:
  double wages(int year) const { return index_factor(wage_rate_, s_.price_base, year); }
  double other(int year) const { return index_factor(other_rate_, s_.price_base, year); }

  double annual_cost(const std::string& role) const {
    const Role* r = s_.role(role);
    assert(r != nullptr);
    return r->annual_cost.value;
  }
  double hourly_cost(const std::string& role) const {
    return annual_cost(role) / s_.hours_per_fte.value;
  }
  std::string role_name(const std::string& role) const { return s_.role(role)->name; }
  std::string role_department(const std::string& role) const { return s_.role(role)->department; }

  CostRow base_row(Category category, const std::string& track, const std::string& department,
                   const std::string& role, std::string line, const std::string& label) const {
    CostRow row;
    row.tier = tier_;
    row.category = category;
    row.track = track;
    row.department = department;
    row.role = role;
    row.line = std::move(line);
    row.label = label;
    return row;
  }

  // A personnel line paid by `role`'s department: `amount` a year in price-base prices,
  // wage-indexed. Personnel lines belong to no single track.
  void add_personnel(Category category, const std::string& role, std::string line, double amount) {
    CostRow row =
        base_row(category, "", role_department(role), role, std::move(line), role_name(role));
    for (int year = s_.first_year; year <= s_.last_year(); ++year) {
      row.year = year;
      row.dkk = amount * wages(year);
      rows_.push_back(row);
    }
  }

  void add_initiative(const Initiative& ini) {
    const std::optional<Intensity>& in = ini.per_model[static_cast<size_t>(tier_)];
    if (!in)
      return;  // not part of this model: level zero, no line
    const Track* track = s_.track(ini.track);
    CostRow row =
        base_row(Category::kInitiatives, ini.track, track->department, "", ini.id, ini.name);
    double w = ini.wage_share.value;
    for (int year = s_.first_year; year <= s_.last_year(); ++year) {
      size_t t = static_cast<size_t>(year - s_.first_year);
      double level =
          in->fixed_cost.value + in->participants.value * in->unit_cost.value * in->ramp[t].value;
      row.year = year;
      row.dkk = level * (w * wages(year) + (1 - w) * other(year));
      rows_.push_back(row);
    }
  }

  void add_coordination(const Model& model) {
    if (const auto& g = s_.steering_group) {
      for (const auto& [role, count] : g->members) {
        add_personnel(Category::kCoordination, role, "steering_group." + role,
                      g->meetings_per_year.value * g->hours_per_meeting.value * count.value *
                          hourly_cost(role));
      }
      if (const auto& sec = g->secretariat) {
        add_personnel(Category::kCoordination, sec->role, "steering_group.secretariat",
                      sec->hours_per_year.value * hourly_cost(sec->role));
      }
    }
    if (const auto& status = model.status_reporting) {
      add_personnel(Category::kCoordination, status->role, "status_reporting",
                    status->hours_per_year.value * hourly_cost(status->role));
    }
  }

  const Scenario& s_;
  Tier tier_;
  double wage_rate_, other_rate_;  // a year; 0 for price-base prices
  std::vector<CostRow> rows_;
};

}  // namespace

std::string_view category_id(Category category) { return enum_id(kCategoryIds, category); }

double index_factor(double rate, int price_base, int year) {
  return std::pow(1.0 + rate, year - price_base);
}

std::vector<CostRow> compute_cost_unindexed(const Scenario& scenario, Tier tier) {
  return CostBuilder(scenario, tier, false).build();
}

std::vector<CostRow> compute_cost(const Scenario& scenario, Tier tier) {
  return CostBuilder(scenario, tier, true).build();
}

}  // namespace ungegaranti
