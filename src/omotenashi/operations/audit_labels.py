"""The audit log as the operator reads it: each action and each actor named in words, never as
the key or id the log stores (those stay in the log and its chain, and in the CSV export).

The operator's console speaks Japanese first; its labels are kept here in Japanese and English
(staff pages, not visitor pages: the other visitor languages read the English).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping

# action key → (Japanese, English)
ACTIONS: Mapping[str, tuple[str, str]] = {
    "alert.approved": ("警報を承認", "Alert approved"),
    "alert.cancelled": ("警報を取り消し", "Alert cancelled"),
    "alert.discarded": ("警報の下書きを破棄", "Alert draft discarded"),
    "alert.drafted": ("警報を下書き", "Alert drafted"),
    "alert.issued": ("警報を発表", "Alert issued"),
    "alert.safety_report_read": ("安否報告を閲覧", "Safety reports read"),
    "api_client.created": ("端末・APIクライアントを追加", "Terminal or API client added"),
    "api_client.revoked": ("端末・APIクライアントを停止", "Terminal or API client stopped"),
    "api_client.rotated": (
        "端末・APIクライアントの秘密を更新",
        "Terminal or API client secret renewed",
    ),
    "content.created": ("コンテンツを追加", "Content added"),
    "content.deleted": ("コンテンツを削除", "Content deleted"),
    "content.updated": ("コンテンツを更新", "Content updated"),
    "content.translated": ("コンテンツを翻訳", "Content translated"),
    "content.translation_edited": ("翻訳を修正", "Translation edited"),
    "content.suggestion_accepted": ("翻訳の提案を採用", "Translation suggestion accepted"),
    "content.suggestion_rejected": ("翻訳の提案を却下", "Translation suggestion rejected"),
    "content.suggestion_pending": ("翻訳の提案を保留", "Translation suggestion on hold"),
    "feedback.hidden": ("評価を非表示", "Feedback hidden"),
    "feedback.restored": ("評価を再表示", "Feedback shown again"),
    "feedback.reported": ("評価を通報", "Feedback reported"),
    "servicer.applied": ("事業者が申請", "Organisation applied"),
    "webhook.endpoint_created": ("Webhookの送信先を追加", "Webhook endpoint added"),
    "webhook.endpoint_deleted": ("Webhookの送信先を削除", "Webhook endpoint deleted"),
    "webhook.endpoint_enabled": ("Webhookの送信先を再開", "Webhook endpoint enabled again"),
    "webhook.secret_rotated": ("Webhookの署名鍵を更新", "Webhook signing secret rotated"),
    "servicer.approved": ("事業者を承認", "Organisation approved"),
    "servicer.suspended": ("事業者を停止", "Organisation suspended"),
    "servicer.pending": ("事業者を審査待ちに戻す", "Organisation back to review"),
    "servicer.purpose_approved": ("利用目的を承認", "Purpose approved"),
    "servicer.purpose_refused": ("利用目的を却下", "Purpose refused"),
    "staff.created": ("職員を追加", "Staff member added"),
    "staff.disabled": ("職員を無効化", "Staff member disabled"),
    "translation_bank.tmx_import": ("翻訳バンクにTMXを取り込み", "TMX imported into the bank"),
    "translation_bank.contribution": ("翻訳バンクに対訳を提供", "Parallel text given to the bank"),
    "translation_bank.human_edit": ("翻訳バンクに修正訳を登録", "Corrected translation banked"),
    "translation_bank.visitor_suggestion": (
        "翻訳バンクに訪問者の提案を登録",
        "Visitor suggestion banked",
    ),
    "visitor.data_keys_rewrapped": ("訪問者のデータ鍵を再暗号化", "Visitor data keys re-wrapped"),
}
# What an entry is about, by the kind its target names ("servicer:<id>").
TARGETS: Mapping[str, tuple[str, str]] = {
    "alert": ("警報", "Alert"),
    "api_client": ("端末・APIクライアント", "Terminal or API client"),
    "content": ("コンテンツ", "Content"),
    "event": ("イベント", "Event"),
    "feedback": ("評価", "Feedback"),
    "master_key": ("マスター鍵", "Master key"),
    "servicer": ("事業者", "Organisation"),
    "staff": ("職員", "Staff member"),
    "suggestion": ("翻訳の提案", "Translation suggestion"),
}
# Actors that are not a person: what the platform or its command line did.
SYSTEM = ("システム", "The platform")
COMMAND_LINE = ("コマンド操作", "Command line")
APPLICANT = ("申請者", "Applicant")
UNKNOWN_STAFF = ("（削除された職員）", "(a removed staff member)")


def _in(pair: tuple[str, str], language: str) -> str:
    return pair[0] if language == "ja" else pair[1]


def action(key: str, language: str) -> str:
    """The action in words; an action not listed here keeps its key (a new one to name)."""
    pair = ACTIONS.get(key)
    return _in(pair, language) if pair else key


def staff_ids(actors: Iterable[str]) -> set[uuid.UUID]:
    """The staff members among ``actors`` ("staff:<id>"), to look their names up."""
    found = set()
    for actor in actors:
        kind, _, rest = actor.partition(":")
        if kind == "staff":
            try:
                found.add(uuid.UUID(rest))
            except ValueError:
                continue
    return found


def actor(key: str, names: Mapping[uuid.UUID, str], language: str) -> str:
    """Who acted: a staff member by name, else what kind of actor it was."""
    kind, _, rest = key.partition(":")
    if kind == "staff":
        try:
            return names.get(uuid.UUID(rest)) or _in(UNKNOWN_STAFF, language)
        except ValueError:
            return _in(UNKNOWN_STAFF, language)
    if kind == "applicant":
        return _in(APPLICANT, language)
    if kind == "cli":
        return _in(COMMAND_LINE, language)
    return _in(SYSTEM, language)


def target(key: str, language: str) -> str:
    """What the entry is about: its kind in words, then its id (what the log and CSV hold)."""
    kind, _, rest = key.partition(":")
    pair = TARGETS.get(kind)
    return f"{_in(pair, language)} {rest}" if pair else key
