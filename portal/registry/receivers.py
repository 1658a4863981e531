"""What the registry hears: log-ins, to ask for consent to a new privacy policy."""

from .selectors import participant_consent_outdated, participant_for_user

# Set in the session at log-in when the person's consent is to an older policy;
# ``profile_required`` then sends them to the consent page before anything else.
RECONSENT_SESSION_KEY = "registry_reconsent"


def ask_consent_to_a_new_policy(sender, request, user, **kwargs):
    """At log-in, note whether a complete profile's consent is to an older policy.

    Checked once per log-in, not on every page: a policy raised meanwhile is
    asked about at the next log-in.
    """
    participant = participant_for_user(user)
    if participant is None or not participant.is_profile_complete:
        return  # onboarding records consent to the current policy
    if participant_consent_outdated(participant=participant):
        request.session[RECONSENT_SESSION_KEY] = True
