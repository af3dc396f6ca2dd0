"""Contains all the data models used in inputs/outputs"""

from .admin_in import AdminIn
from .alert_detail_out import AlertDetailOut
from .alert_detail_out_content import AlertDetailOutContent
from .alert_out import AlertOut
from .alert_state import AlertState
from .allergen_rule_out import AllergenRuleOut
from .answered_out import AnsweredOut
from .application_in import ApplicationIn
from .application_in_purposes import ApplicationInPurposes
from .application_received import ApplicationReceived
from .area_count_out import AreaCountOut
from .attribute_out import AttributeOut
from .attribute_out_labels import AttributeOutLabels
from .audit_entry_out import AuditEntryOut
from .audit_entry_out_details import AuditEntryOutDetails
from .avoiding_out import AvoidingOut
from .card_in import CardIn
from .card_in_kind import CardInKind
from .card_link_received import CardLinkReceived
from .card_link_received_kind import CardLinkReceivedKind
from .card_presented import CardPresented
from .card_presented_kind import CardPresentedKind
from .carrier_out import CarrierOut
from .catalogue_out import CatalogueOut
from .catalogue_purpose import CataloguePurpose
from .catalogue_purpose_labels import CataloguePurposeLabels
from .chain_out import ChainOut
from .change_family_member_v1_me_family_member_id_patch_changes import (
    ChangeFamilyMemberV1MeFamilyMemberIdPatchChanges,
)
from .change_my_profile_v1_me_profile_patch_changes import ChangeMyProfileV1MeProfilePatchChanges
from .charge_in import ChargeIn
from .charge_in_tax_lines_type_0 import ChargeInTaxLinesType0
from .charts_v1_servicer_statistics_get_response_charts_v1_servicer_statistics_get import (
    ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet,
)
from .client_created import ClientCreated
from .client_in import ClientIn
from .client_json_web_key import ClientJsonWebKey
from .client_json_web_key_set import ClientJsonWebKeySet
from .client_kind import ClientKind
from .client_out import ClientOut
from .confirmation_out import ConfirmationOut
from .consent_request_out import ConsentRequestOut
from .consent_request_status import ConsentRequestStatus
from .content_kind import ContentKind
from .contribution_in import ContributionIn
from .contribution_out import ContributionOut
from .counts_out import CountsOut
from .delivery_out import DeliveryOut
from .delivery_state import DeliveryState
from .device_in import DeviceIn
from .device_registered import DeviceRegistered
from .disclosure_out import DisclosureOut
from .draft_v1_operator_alerts_post_body import DraftV1OperatorAlertsPostBody
from .endpoint_created import EndpointCreated
from .endpoint_in import EndpointIn
from .endpoint_out import EndpointOut
from .enrolled import Enrolled
from .event_type_out import EventTypeOut
from .family import Family
from .family_member import FamilyMember
from .family_member_attributes import FamilyMemberAttributes
from .family_member_in import FamilyMemberIn
from .family_member_in_attributes import FamilyMemberInAttributes
from .feedback_out import FeedbackOut
from .field_error import FieldError
from .field_result_out import FieldResultOut
from .field_result_out_field import FieldResultOutField
from .field_result_out_state import FieldResultOutState
from .finding_out import FindingOut
from .finding_out_kind import FindingOutKind
from .grant_in import GrantIn
from .grant_out import GrantOut
from .healthz_healthz_get_response_healthz_healthz_get import (
    HealthzHealthzGetResponseHealthzHealthzGet,
)
from .hold_in import HoldIn
from .import_format import ImportFormat
from .import_out import ImportOut
from .ingested import Ingested
from .ingested_alert import IngestedAlert
from .ingested_alert_headlines import IngestedAlertHeadlines
from .invitation_out import InvitationOut
from .item import Item
from .item_in import ItemIn
from .item_in_allergens import ItemInAllergens
from .item_in_diet import ItemInDiet
from .item_out import ItemOut
from .item_out_allergens import ItemOutAllergens
from .item_out_diet import ItemOutDiet
from .item_patch import ItemPatch
from .item_patch_allergens_type_0 import ItemPatchAllergensType0
from .item_patch_diet_type_0 import ItemPatchDietType0
from .json_web_key import JsonWebKey
from .json_web_key_set import JsonWebKeySet
from .keys_in import KeysIn
from .listed_servicer import ListedServicer
from .location_in import LocationIn
from .location_out import LocationOut
from .menu_dish_out import MenuDishOut
from .moderated_suggestion_out import ModeratedSuggestionOut
from .moderated_suggestion_out_field import ModeratedSuggestionOutField
from .mrz_in import MrzIn
from .mrz_out import MrzOut
from .mrz_out_attributes import MrzOutAttributes
from .my_menu_out import MyMenuOut
from .o_auth_error_out import OAuthErrorOut
from .operator_alert_out import OperatorAlertOut
from .operator_alert_out_content import OperatorAlertOutContent
from .operator_alert_out_renderings import OperatorAlertOutRenderings
from .pair_statistics_out import PairStatisticsOut
from .pair_statistics_out_origins import PairStatisticsOutOrigins
from .pair_statistics_out_translations import PairStatisticsOutTranslations
from .part_in import PartIn
from .payment_out import PaymentOut
from .payment_out_tax_lines_type_0 import PaymentOutTaxLinesType0
from .person_in_need_out import PersonInNeedOut
from .point_out import PointOut
from .post_edit_in import PostEditIn
from .presence import Presence
from .preview import Preview
from .preview_renderings import PreviewRenderings
from .preview_v1_operator_alerts_preview_post_body import PreviewV1OperatorAlertsPreviewPostBody
from .problem import Problem
from .profile import Profile
from .profile_attributes import ProfileAttributes
from .public_item import PublicItem
from .public_listing import PublicListing
from .purpose_decision import PurposeDecision
from .purpose_key import PurposeKey
from .purpose_out import PurposeOut
from .qr_out import QrOut
from .qr_presented import QrPresented
from .receipt import Receipt
from .receipt_claims import ReceiptClaims
from .record_state import RecordState
from .refund_method import RefundMethod
from .refused_row import RefusedRow
from .registered import Registered
from .registered_attributes import RegisteredAttributes
from .registration import Registration
from .registration_profile import RegistrationProfile
from .rendering import Rendering
from .reply_in import ReplyIn
from .reply_out import ReplyOut
from .report_in import ReportIn
from .report_v1_servicer_feedback_feedback_id_report_post_response_report_v1_servicer_feedback_feedback_id_report_post import (
    ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost,
)
from .resolve_request import ResolveRequest
from .resolve_response import ResolveResponse
from .resolve_response_attributes import ResolveResponseAttributes
from .resolve_response_verification import ResolveResponseVerification
from .safety_in import SafetyIn
from .safety_in_answer import SafetyInAnswer
from .safety_out import SafetyOut
from .safety_report_out import SafetyReportOut
from .sandbox_grant_in import SandboxGrantIn
from .sandbox_grant_out import SandboxGrantOut
from .sandbox_visitor_in import SandboxVisitorIn
from .sandbox_visitor_out import SandboxVisitorOut
from .scope_out import ScopeOut
from .secret_out import SecretOut
from .seen import Seen
from .segment_in import SegmentIn
from .servicer_category import ServicerCategory
from .servicer_out import ServicerOut
from .servicer_state import ServicerState
from .session_out import SessionOut
from .share import Share
from .staff_in import StaffIn
from .staff_in_role import StaffInRole
from .staff_session_started import StaffSessionStarted
from .staff_sign_in import StaffSignIn
from .state_in import StateIn
from .statistics_out import StatisticsOut
from .subscription_in import SubscriptionIn
from .subscription_out import SubscriptionOut
from .suggestion_in import SuggestionIn
from .suggestion_in_field import SuggestionInField
from .suggestion_out import SuggestionOut
from .suggestion_out_field import SuggestionOutField
from .suggestion_state import SuggestionState
from .tag_out import TagOut
from .tax_free_correction_in import TaxFreeCorrectionIn
from .tax_free_item_in import TaxFreeItemIn
from .tax_free_item_out import TaxFreeItemOut
from .tax_free_passport_correction import TaxFreePassportCorrection
from .tax_free_record_in import TaxFreeRecordIn
from .tax_free_record_out import TaxFreeRecordOut
from .tax_free_record_with_items_out import TaxFreeRecordWithItemsOut
from .tax_free_visitor_record_out import TaxFreeVisitorRecordOut
from .term_out import TermOut
from .term_out_labels import TermOutLabels
from .test_card_out import TestCardOut
from .text_change import TextChange
from .text_out import TextOut
from .text_span import TextSpan
from .token_out import TokenOut
from .token_v1_oauth_token_post_body import TokenV1OauthTokenPostBody
from .token_v1_oauth_token_post_body_grant_type import TokenV1OauthTokenPostBodyGrantType
from .top_up_in import TopUpIn
from .translate_in import TranslateIn
from .translated_out import TranslatedOut
from .translation_out import TranslationOut
from .translation_out_field import TranslationOutField
from .upload_v1_partners_imports_post_json_body_item import UploadV1PartnersImportsPostJsonBodyItem
from .validation_problem import ValidationProblem
from .vapid_key import VapidKey
from .verification import Verification
from .verification_out import VerificationOut
from .verification_out_matched_by_type_0 import VerificationOutMatchedByType0
from .verification_verdict import VerificationVerdict
from .verify_in import VerifyIn
from .wallet_entry_out import WalletEntryOut
from .wallet_out import WalletOut

__all__ = (
    "AdminIn",
    "AlertDetailOut",
    "AlertDetailOutContent",
    "AlertOut",
    "AlertState",
    "AllergenRuleOut",
    "AnsweredOut",
    "ApplicationIn",
    "ApplicationInPurposes",
    "ApplicationReceived",
    "AreaCountOut",
    "AttributeOut",
    "AttributeOutLabels",
    "AuditEntryOut",
    "AuditEntryOutDetails",
    "AvoidingOut",
    "CardIn",
    "CardInKind",
    "CardLinkReceived",
    "CardLinkReceivedKind",
    "CardPresented",
    "CardPresentedKind",
    "CarrierOut",
    "CatalogueOut",
    "CataloguePurpose",
    "CataloguePurposeLabels",
    "ChainOut",
    "ChangeFamilyMemberV1MeFamilyMemberIdPatchChanges",
    "ChangeMyProfileV1MeProfilePatchChanges",
    "ChargeIn",
    "ChargeInTaxLinesType0",
    "ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet",
    "ClientCreated",
    "ClientIn",
    "ClientJsonWebKey",
    "ClientJsonWebKeySet",
    "ClientKind",
    "ClientOut",
    "ConfirmationOut",
    "ConsentRequestOut",
    "ConsentRequestStatus",
    "ContentKind",
    "ContributionIn",
    "ContributionOut",
    "CountsOut",
    "DeliveryOut",
    "DeliveryState",
    "DeviceIn",
    "DeviceRegistered",
    "DisclosureOut",
    "DraftV1OperatorAlertsPostBody",
    "EndpointCreated",
    "EndpointIn",
    "EndpointOut",
    "Enrolled",
    "EventTypeOut",
    "Family",
    "FamilyMember",
    "FamilyMemberAttributes",
    "FamilyMemberIn",
    "FamilyMemberInAttributes",
    "FeedbackOut",
    "FieldError",
    "FieldResultOut",
    "FieldResultOutField",
    "FieldResultOutState",
    "FindingOut",
    "FindingOutKind",
    "GrantIn",
    "GrantOut",
    "HealthzHealthzGetResponseHealthzHealthzGet",
    "HoldIn",
    "ImportFormat",
    "ImportOut",
    "Ingested",
    "IngestedAlert",
    "IngestedAlertHeadlines",
    "InvitationOut",
    "Item",
    "ItemIn",
    "ItemInAllergens",
    "ItemInDiet",
    "ItemOut",
    "ItemOutAllergens",
    "ItemOutDiet",
    "ItemPatch",
    "ItemPatchAllergensType0",
    "ItemPatchDietType0",
    "JsonWebKey",
    "JsonWebKeySet",
    "KeysIn",
    "ListedServicer",
    "LocationIn",
    "LocationOut",
    "MenuDishOut",
    "ModeratedSuggestionOut",
    "ModeratedSuggestionOutField",
    "MrzIn",
    "MrzOut",
    "MrzOutAttributes",
    "MyMenuOut",
    "OAuthErrorOut",
    "OperatorAlertOut",
    "OperatorAlertOutContent",
    "OperatorAlertOutRenderings",
    "PairStatisticsOut",
    "PairStatisticsOutOrigins",
    "PairStatisticsOutTranslations",
    "PartIn",
    "PaymentOut",
    "PaymentOutTaxLinesType0",
    "PersonInNeedOut",
    "PointOut",
    "PostEditIn",
    "Presence",
    "Preview",
    "PreviewRenderings",
    "PreviewV1OperatorAlertsPreviewPostBody",
    "Problem",
    "Profile",
    "ProfileAttributes",
    "PublicItem",
    "PublicListing",
    "PurposeDecision",
    "PurposeKey",
    "PurposeOut",
    "QrOut",
    "QrPresented",
    "Receipt",
    "ReceiptClaims",
    "RecordState",
    "RefundMethod",
    "RefusedRow",
    "Registered",
    "RegisteredAttributes",
    "Registration",
    "RegistrationProfile",
    "Rendering",
    "ReplyIn",
    "ReplyOut",
    "ReportIn",
    "ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost",
    "ResolveRequest",
    "ResolveResponse",
    "ResolveResponseAttributes",
    "ResolveResponseVerification",
    "SafetyIn",
    "SafetyInAnswer",
    "SafetyOut",
    "SafetyReportOut",
    "SandboxGrantIn",
    "SandboxGrantOut",
    "SandboxVisitorIn",
    "SandboxVisitorOut",
    "ScopeOut",
    "SecretOut",
    "Seen",
    "SegmentIn",
    "ServicerCategory",
    "ServicerOut",
    "ServicerState",
    "SessionOut",
    "Share",
    "StaffIn",
    "StaffInRole",
    "StaffSessionStarted",
    "StaffSignIn",
    "StateIn",
    "StatisticsOut",
    "SubscriptionIn",
    "SubscriptionOut",
    "SuggestionIn",
    "SuggestionInField",
    "SuggestionOut",
    "SuggestionOutField",
    "SuggestionState",
    "TagOut",
    "TaxFreeCorrectionIn",
    "TaxFreeItemIn",
    "TaxFreeItemOut",
    "TaxFreePassportCorrection",
    "TaxFreeRecordIn",
    "TaxFreeRecordOut",
    "TaxFreeRecordWithItemsOut",
    "TaxFreeVisitorRecordOut",
    "TermOut",
    "TermOutLabels",
    "TestCardOut",
    "TextChange",
    "TextOut",
    "TextSpan",
    "TokenOut",
    "TokenV1OauthTokenPostBody",
    "TokenV1OauthTokenPostBodyGrantType",
    "TopUpIn",
    "TranslatedOut",
    "TranslateIn",
    "TranslationOut",
    "TranslationOutField",
    "UploadV1PartnersImportsPostJsonBodyItem",
    "ValidationProblem",
    "VapidKey",
    "Verification",
    "VerificationOut",
    "VerificationOutMatchedByType0",
    "VerificationVerdict",
    "VerifyIn",
    "WalletEntryOut",
    "WalletOut",
)
