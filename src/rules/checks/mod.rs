//! Criterion computations, one function per `Check`, grouped by subject. Each returns an
//! `Eval` (outcome, found, required, gap, Chinese text); none reads anything but the context.

mod cross;
mod hosts;
mod name;
mod people;
mod resources;

pub use hosts::safety_self_check_applies;
pub use name::non_standard_characters;
pub use people::{age_on, birth_date_of};
pub use resources::rd_window;

use super::engine::{attested, Ctx, Eval, Outcome};
use super::pack::{Check, Criterion};

pub(crate) fn run(ctx: &Ctx<'_>, c: &Criterion) -> Eval {
    match &c.check {
        Check::Attest => {
            if attested(ctx, &c.id) {
                Eval::pass("申请人已确认")
            } else {
                Eval::new(Outcome::Unconfirmed, format!("{}：申请人尚未确认", c.title))
            }
        }
        Check::DirectorFullTime => people::director_full_time(ctx, c),
        Check::Note => Eval::new(Outcome::NotApplicable, c.note.clone().unwrap_or_else(|| c.title.clone())),
        Check::HostsAgreement => hosts::agreement(ctx, c),
        Check::FixedStaffMin { min } => people::fixed_staff_min(ctx, *min),
        Check::DirectorAgeMax { max_years } => people::director_age_max(ctx, *max_years),
        Check::DirectorTitle { titles } => people::director_title(ctx, titles),
        Check::DirectorRecord => people::director_record(ctx),
        Check::DirectorEmployer => people::director_employer(ctx),
        Check::DirectorHonours => people::director_honours(ctx),
        Check::StaffEmployer => people::staff_employer(ctx),
        Check::TeamQualityMin { min_percent, education_min, title_min } => {
            people::team_quality_min(ctx, *min_percent, *education_min, *title_min)
        }
        Check::HostsLegalEntity => hosts::legal_entity(ctx),
        Check::HostsCountMax { max } => hosts::count_max(ctx, *max),
        Check::HostsCountMin { min, core_only } => hosts::count_min(ctx, *min, *core_only),
        Check::Registered { region, scope, require_legal_person, unit_kinds } => {
            hosts::registered(ctx, region, *scope, *require_legal_person, unit_kinds)
        }
        Check::LeadLedTasks => hosts::lead_led_tasks(ctx),
        Check::LeadOwnIp { require_applied } => hosts::lead_own_ip(ctx, *require_applied),
        Check::LeadShareMin { min_percent } => hosts::lead_share_min(ctx, *min_percent),
        Check::OtherHostsStaffMin { min } => hosts::other_hosts_staff_min(ctx, *min),
        Check::EnterpriseLead => hosts::enterprise_lead(ctx),
        Check::NonEnterpriseLead => hosts::non_enterprise_lead(ctx),
        Check::SafetySelfCheck => hosts::safety_self_check(ctx),
        Check::AnyHostFlag { flag, scope } => hosts::any_host_flag(ctx, c, *flag, *scope),
        Check::HostKindsPresent { kinds } => hosts::kinds_present(ctx, kinds),
        Check::AreaMin { min, exclude_usages, headquarters_only } => {
            resources::area_min(ctx, *min, exclude_usages, headquarters_only)
        }
        Check::InstrumentsMin { min } => resources::instruments_min(ctx, *min),
        Check::RdInvestmentMin { min, years } => resources::rd_investment_min(ctx, *min, *years),
        Check::DirectionsRange { min, max } => name::directions_range(ctx, *min, *max),
        Check::NameCharacters => name::name_characters(ctx),
        Check::NameNoEnterprise { strip_suffixes } => name::name_no_enterprise(ctx, strip_suffixes),
        Check::NamePattern => name::name_pattern(ctx),
        Check::FieldMembership => name::field_membership(ctx),
        Check::FieldInList => name::field_in_list(ctx),
        Check::RecommendationLetter { max_per_city } => cross::recommendation_letter(ctx, *max_per_city),
        Check::Cross(q) => cross::answer(ctx, *q),
    }
}
