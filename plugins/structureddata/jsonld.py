"""Build schema.org JSON-LD from the content, as Python data.

Made in Python and serialised with json.dumps (never assembled in a
template), so it is always valid JSON; every value comes from the content or
the settings.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from sitecore.brand import LOGO_PNG_SIZE
from sitecore.languages import correction_language, language_of
from sitecore.settings_check import our_setting
from sitecore.share_cards import share_card_url
from sitecore.urls import canonical_url


def party(settings, full: bool = False) -> dict:
    data = {"@type": "PoliticalParty", "name": settings["SITENAME"], "url": canonical_url(settings, "")}
    data["logo"] = {"@type": "ImageObject", "url": canonical_url(settings, settings["PARTY_LOGO_PNG"]),
                    "width": LOGO_PNG_SIZE, "height": LOGO_PNG_SIZE}
    if full:
        data.update({
            "description": settings["SITE_TAGLINE"],
            "email": settings["CONTACT_EMAIL"],
            "foundingDate": settings["PARTY_FOUNDED"],
            "founder": {"@type": "Person", "name": settings["PARTY_FOUNDER"]},
        })
        # The party's profiles elsewhere, if it lists any ("sameAs": [] says nothing).
        if our_setting(settings, "PARTY_PROFILES"):
            data["sameAs"] = list(our_setting(settings, "PARTY_PROFILES"))
    return data


# Google shows at most 110 characters of an article's headline.
HEADLINE_LIMIT = 110


def headline(title: str) -> str:
    """The title, or its first words with "…" if it is longer than the
    limit: never cut in the middle of a word (or of an emoji or accent)."""
    if len(title) <= HEADLINE_LIMIT:
        return title
    words = title[:HEADLINE_LIMIT].rsplit(" ", 1)[0]  # the limit's room, less the "…", whole words only
    if len(words) == HEADLINE_LIMIT:  # one long word: no place to cut well
        words = words[:HEADLINE_LIMIT - 1]
    return words.rstrip(" ,;:–—-") + "…"


def news_article(article, settings) -> dict:
    author_name = article.author.name
    author = (party(settings) if author_name == settings["AUTHOR"]
              else {"@type": "Person", "name": author_name.split(",")[0].strip()})
    modified = getattr(article, "modified", None) or article.date
    return {
        "@type": "NewsArticle",
        "headline": headline(article.title),
        "description": article.description,
        "datePublished": article.date.isoformat(),
        "dateModified": modified.isoformat(),
        "author": author,
        "publisher": party(settings),
        "image": [canonical_url(settings, share_card_url(settings, article))],
        "mainEntityOfPage": canonical_url(settings, article.url),
        "articleSection": str(article.category),
        "keywords": [str(tag) for tag in getattr(article, "tags", [])],
        "inLanguage": language_of(article, settings),  # a Welsh post's `language: cy`
        **({"correction": [{"@type": "CorrectionComment", "text": correction["note"],
                            "inLanguage": correction_language(correction, article, settings),
                            "datePublished": correction["date"].isoformat()}
                           for correction in article.corrections]}
           if getattr(article, "corrections", None) else {}),
    }


def councillor(profile, settings) -> dict:
    """A councillor: a person of the party, with their seat on a council."""
    member_of: list[dict] = [party(settings)]
    if getattr(profile, "council", None):
        member_of.append({"@type": "Role", "roleName": profile.role,
                          "memberOf": {"@type": "GovernmentOrganization", "name": profile.council}})
    data = {
        "@type": "Person",
        "name": profile.title,
        "jobTitle": profile.role,
        "description": profile.description,
        "url": canonical_url(settings, profile.url),
        "image": canonical_url(settings, getattr(profile, "photo", None) or share_card_url(settings, profile)),
        "memberOf": member_of,
    }
    if getattr(profile, "region", None):
        data["workLocation"] = {"@type": "Place", "name": profile.region}
    return data


# schema.org's eventStatus for each event_status (sitecore/schema/content_types.py).
EVENT_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed"}


def event(item, settings) -> dict:
    """A schema.org Event: when, where (a place, an online link or both),
    whether it goes ahead, and who organises it (the party)."""
    places = []
    if getattr(item, "place", None):
        place = {"@type": "Place", "name": item.place}
        if getattr(item, "address", None):
            place["address"] = {"@type": "PostalAddress", "streetAddress": item.address, "addressCountry": "GB"}
        if getattr(item, "region", None):
            place["containedInPlace"] = {"@type": "AdministrativeArea", "name": item.region}
        places.append(place)
    if getattr(item, "online", None):
        places.append({"@type": "VirtualLocation", "url": item.online})
    mode = ("Mixed" if len(places) == 2 else "Online" if getattr(item, "online", None) else "Offline")
    data = {
        "@type": "Event",
        "name": item.title,
        "description": item.description,
        "startDate": item.start.isoformat(),
        "endDate": item.end.isoformat(),
        "eventStatus": f"https://schema.org/{EVENT_STATUS[item.event_status]}",
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "location": places[0] if len(places) == 1 else places,
        "organizer": party(settings),
        "url": canonical_url(settings, item.url),
        "image": [canonical_url(settings, share_card_url(settings, item))],
        "inLanguage": settings["DEFAULT_LANG"],
    }
    return data


def candidate(item, settings) -> dict:
    """A candidate: a person of the party, standing in a ward."""
    data = {
        "@type": "Person",
        "name": item.title,
        "description": item.description,
        "url": canonical_url(settings, item.url),
        "image": canonical_url(settings, getattr(item, "photo", None) or share_card_url(settings, item)),
        "memberOf": party(settings),
    }
    job = candidate_job_title(item)
    if job:
        data["jobTitle"] = job
    if getattr(item, "links", None):
        data["sameAs"] = list(item.links)
    return data


def candidate_job_title(item) -> str | None:
    """What the person is, as their page says it (the candidate's
    `standing`): a candidate while the polls are open, a councillor once
    elected. None once the polls have closed otherwise (not elected, or the
    result not entered yet): a page nobody updates must not tell search
    engines they are still a candidate, and they hold no post."""
    if item.standing == "elected":
        return f"Councillor, {item.council}"
    if item.standing == "standing":
        return f"Candidate for {item.ward}, {item.council}"
    return None


def branch(item, settings) -> dict:
    """A branch: an organisation of the party, serving its region."""
    data = {
        "@type": "Organization",
        "name": item.title,
        "description": item.description,
        "url": canonical_url(settings, item.url),
        "parentOrganization": party(settings),
        "areaServed": {"@type": "AdministrativeArea", "name": getattr(item, "region", None) or "United Kingdom"},
    }
    if item.contact.startswith("https://"):
        data["sameAs"] = [item.contact]
    else:
        data["email"] = item.contact
    return data


# Inside <script> the HTML tokenizer still looks for "</script" and, after
# "<!--", for "<script" (it then swallows the rest of the page). JSON may
# spell any character as \uXXXX, so these never reach the tokenizer as
# themselves; U+2028/U+2029 are escaped for older JavaScript parsers.
SCRIPT_SAFE = str.maketrans({
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029",
})


def json_for_script(data) -> str:
    """`data` as JSON that is safe as the text of any <script> element: it
    contains no "<", ">" or "&", so no value can end the script or open a
    comment, and json.loads reads back exactly `data`."""
    return json.dumps(data, ensure_ascii=False, indent=None).translate(SCRIPT_SAFE)


def script_tag(data: dict) -> Markup:
    """A JSON-LD block whose values are inert, whatever text they hold."""
    payload = json_for_script({"@context": "https://schema.org", **data})
    return Markup('<script type="application/ld+json">') + Markup(payload) + Markup("</script>")
