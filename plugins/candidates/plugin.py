"""Register the Candidate content type and its checks with Pelican."""

from __future__ import annotations

from pelican import signals

from sitecore.policy_lines import DroppedPolicies
from sitecore.problems import problem_log
from sitecore.renamed_items import by_every_name, report_unpublished_name, slugs_of
from sitecore.renewed import items_renewed

from .candidates import CandidateGenerator


def add_candidate_generator(pelican):
    return CandidateGenerator


def link_candidates(generators, items=()) -> None:
    """A councillor standing again and their candidacy link both ways; a
    candidate's policies are the party's; a result comes after the polls close."""
    candidates = next((g for g in generators if isinstance(g, CandidateGenerator)), None)
    if candidates is None:
        return
    context, settings = candidates.context, candidates.settings
    # By their names, and the names of the files they were renamed from.
    councillors = by_every_name(context.get("councillors", []))
    draft_councillors = {c.slug: c for c in context.get("draft_councillors", [])}
    policies = by_every_name(context.get("policies", []))
    draft_policies = {p.slug: p for p in context.get("draft_policies", [])}
    dropped = DroppedPolicies(context, settings)
    councillor_slugs, policy_slugs = slugs_of(councillors.values()), slugs_of(policies.values())  # what a fix offers
    for councillor in councillors.values():
        councillor.candidacies = []
    for candidate in candidates.all_items():
        named = getattr(candidate, "councillor", None)
        candidate.councillor_profile = councillors.get(named or "")
        if named and candidate.councillor_profile is None:
            report_unpublished_name(candidate, "councillor", "councillor", named, councillor_slugs,
                                    draft_councillors, "use the file name without '.md' of the councillor's "
                                                       "profile in content/councillors/",
                                    remove="remove the councillor line")
        elif candidate.councillor_profile is not None and candidate.status == "published":
            candidate.councillor_profile.candidacies.append(candidate)
        candidate.related_policies = list(dict.fromkeys(
            policies[name] for name in getattr(candidate, "policies", []) if name in policies))
        candidate.dropped_policies = []
        day = candidate.polling_day
        for name in dict.fromkeys(getattr(candidate, "policies", [])):  # each once
            if name in policies:
                continue
            was = dropped.named(name, day, draft_policies)
            if was is not None and not dropped.dropped_before(name, day):
                # Dropped since the election: as the minifesto had it on polling day.
                candidate.dropped_policies.append(was)
            elif was is not None:
                problem_log.add(candidate.source_path, candidate.frontmatter_lines.get("policies", 1), "policies",
                                f'"{name}" ({was.title}) was dropped from the minifesto in its '
                                f"{was.gone_from_name} edition, by polling day ({day:%-d %B %Y})",
                                "remove it: a candidate stands on the policies of the minifesto of the day")
            elif not (dropped.incomplete and name not in draft_policies):
                report_unpublished_name(candidate, "policies", "policy", name, policy_slugs,
                                        draft_policies, "use the file name without the number and '.md'")
        candidate.dropped_policies = list(dict.fromkeys(candidate.dropped_policies))  # two names of one, once
        check_result(candidate, settings)


def check_result(candidate, settings) -> None:
    lines = candidate.frontmatter_lines
    result, votes = getattr(candidate, "result", None), getattr(candidate, "votes", None)
    election = settings["ELECTIONS"][candidate.election]
    if votes is not None and result is None:
        problem_log.add(candidate.source_path, lines.get("votes", 1), "votes", "is given without a result",
                        "add 'result: elected' or 'result: not elected' with the votes")
    if result is not None and not candidate.polls_closed:
        problem_log.add(candidate.source_path, lines.get("result", 1), "result",
                        f"the polls for {election['name']} have not closed yet",
                        "give the result once the votes are counted")


def register() -> None:
    signals.get_generators.connect(add_candidate_generator)
    signals.all_generators_finalized.connect(link_candidates)
    items_renewed.connect(link_candidates)
