CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AuditEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEvents" PRIMARY KEY AUTOINCREMENT,
    "OccurredUtc" TEXT NOT NULL,
    "ActorUserId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "SubjectType" TEXT NULL,
    "SubjectId" TEXT NULL,
    "Summary" TEXT NOT NULL,
    "OrganisationId" INTEGER NULL,
    "IpAddress" TEXT NULL
);

CREATE TABLE "ControlSets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ControlSets" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "NormalisedName" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Source" TEXT NOT NULL,
    "Marking" INTEGER NULL,
    "ReadOnly" INTEGER NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedByName" TEXT NOT NULL
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

CREATE TABLE "ImportBatches" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ImportBatches" PRIMARY KEY,
    "UploadedById" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "Content" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "ExpiresUtc" TEXT NOT NULL,
    "ConfirmedUtc" TEXT NULL,
    "UnknownTypesAsOther" INTEGER NOT NULL,
    "ResultSummary" TEXT NULL,
    "ResultRows" TEXT NULL
);

CREATE TABLE "Organisations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Organisations" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "NormalisedName" TEXT NOT NULL,
    "Type" INTEGER NOT NULL,
    "CompaniesHouseNumber" TEXT NULL,
    "Website" TEXT NULL,
    "Notes" TEXT NULL,
    "IsArchived" INTEGER NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL
);

CREATE TABLE "OutboxSenders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OutboxSenders" PRIMARY KEY,
    "StartedUtc" TEXT NOT NULL,
    "HeartbeatUtc" TEXT NOT NULL
);

CREATE TABLE "RateLimitCounters" (
    "Key" TEXT NOT NULL,
    "WindowStartUtc" TEXT NOT NULL,
    "Count" INTEGER NOT NULL,
    CONSTRAINT "PK_RateLimitCounters" PRIMARY KEY ("Key", "WindowStartUtc")
);

CREATE TABLE "References" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_References" PRIMARY KEY AUTOINCREMENT,
    "Kind" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "Title" TEXT NOT NULL
);

CREATE TABLE "Roundtables" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Roundtables" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL,
    "Description" TEXT NULL,
    "StartsUtc" TEXT NOT NULL,
    "EndsUtc" TEXT NOT NULL,
    "VenueAddress" TEXT NULL,
    "OnlineJoiningDetails" TEXT NULL,
    "Capacity" INTEGER NOT NULL,
    "DelegatesPerOrganisation" INTEGER NOT NULL,
    "RsvpDeadlineUtc" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "CalendarSequence" INTEGER NOT NULL,
    "HeldUtc" TEXT NULL,
    "FeedbackClosesUtc" TEXT NULL,
    "PreviousRoundtableId" INTEGER NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_Roundtables_Roundtables_PreviousRoundtableId" FOREIGN KEY ("PreviousRoundtableId") REFERENCES "Roundtables" ("Id")
);

CREATE TABLE "Tags" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Tags" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "NormalisedName" TEXT NOT NULL,
    "Description" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL
);

CREATE TABLE "UnknownAccountSignIns" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_UnknownAccountSignIns" PRIMARY KEY,
    "FailedCount" INTEGER NOT NULL,
    "LockoutEndUtc" TEXT NULL,
    "LastFailureUtc" TEXT NOT NULL
);

CREATE TABLE "UserSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_UserSessions" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Ticket" BLOB NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "LastSeenUtc" TEXT NOT NULL,
    "ExpiresUtc" TEXT NULL,
    "Device" TEXT NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "OrganisationId" INTEGER NULL,
    "CreatedUtc" TEXT NOT NULL,
    "LastSignInUtc" TEXT NULL,
    "DisabledUtc" TEXT NULL,
    "MustSetUpTwoFactor" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Contacts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Contacts" PRIMARY KEY AUTOINCREMENT,
    "OrganisationId" INTEGER NOT NULL,
    "FullName" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "NormalisedEmail" TEXT NOT NULL,
    "JobTitle" TEXT NULL,
    "Phone" TEXT NULL,
    "IsPrimary" INTEGER NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "ErasedUtc" TEXT NULL,
    CONSTRAINT "FK_Contacts_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Interactions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Interactions" PRIMARY KEY AUTOINCREMENT,
    "OrganisationId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "OccurredOn" TEXT NOT NULL,
    "OccurredUtc" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "Participants" TEXT NULL,
    "Marking" INTEGER NOT NULL,
    "CreatedByUserId" TEXT NULL,
    "CreatedByName" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedByName" TEXT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Interactions_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Controls" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Controls" PRIMARY KEY AUTOINCREMENT,
    "ControlSetId" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Guidance" TEXT NULL,
    "Source" TEXT NOT NULL,
    "ReferenceId" INTEGER NULL,
    "Position" INTEGER NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "RetiredUtc" TEXT NULL,
    "RetiredByName" TEXT NULL,
    CONSTRAINT "FK_Controls_ControlSets_ControlSetId" FOREIGN KEY ("ControlSetId") REFERENCES "ControlSets" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Controls_References_ReferenceId" FOREIGN KEY ("ReferenceId") REFERENCES "References" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AgendaItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AgendaItems" PRIMARY KEY AUTOINCREMENT,
    "RoundtableId" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Category" INTEGER NOT NULL,
    "LeadUserId" TEXT NULL,
    "LeadName" TEXT NULL,
    "LeadOrganisation" TEXT NULL,
    "DurationMinutes" INTEGER NOT NULL,
    "Marking" INTEGER NOT NULL,
    "ContractClauses" TEXT NULL,
    "UpdatedAfterPublishUtc" TEXT NULL,
    "Minutes" TEXT NULL,
    "MinutesPublishedUtc" TEXT NULL,
    "MinutesRevisedUtc" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_AgendaItems_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AgendaPublications" (
    "RoundtableId" INTEGER NOT NULL CONSTRAINT "PK_AgendaPublications" PRIMARY KEY,
    "PublishedUtc" TEXT NOT NULL,
    "PublishedBy" TEXT NOT NULL,
    CONSTRAINT "FK_AgendaPublications_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CalendarEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CalendarEntries" PRIMARY KEY AUTOINCREMENT,
    "RoundtableId" INTEGER NOT NULL,
    "PersonKey" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "State" INTEGER NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_CalendarEntries_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ControlAdoptions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ControlAdoptions" PRIMARY KEY AUTOINCREMENT,
    "ControlSetId" INTEGER NOT NULL,
    "OrganisationId" INTEGER NOT NULL,
    "RoundtableId" INTEGER NULL,
    "AdoptedUtc" TEXT NOT NULL,
    "AdoptedByName" TEXT NOT NULL,
    CONSTRAINT "FK_ControlAdoptions_ControlSets_ControlSetId" FOREIGN KEY ("ControlSetId") REFERENCES "ControlSets" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ControlAdoptions_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ControlAdoptions_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Invitations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Invitations" PRIMARY KEY AUTOINCREMENT,
    "RoundtableId" INTEGER NOT NULL,
    "OrganisationId" INTEGER NOT NULL,
    "Response" INTEGER NOT NULL,
    "RespondedUtc" TEXT NULL,
    "FirstRespondedUtc" TEXT NULL,
    "RevokedUtc" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "DeclineReason" TEXT NULL,
    "RespondedByName" TEXT NULL,
    "RespondedByUserId" TEXT NULL,
    "RecordedByOrganiser" INTEGER NOT NULL,
    CONSTRAINT "FK_Invitations_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Invitations_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "InviteSelections" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InviteSelections" PRIMARY KEY AUTOINCREMENT,
    "RoundtableId" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    "OrganisationIds" TEXT NOT NULL,
    "ChosenContacts" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_InviteSelections_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ReminderSettings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReminderSettings" PRIMARY KEY AUTOINCREMENT,
    "RoundtableId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "OffsetDays" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_ReminderSettings_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RoundtableMessages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RoundtableMessages" PRIMARY KEY AUTOINCREMENT,
    "RoundtableId" INTEGER NOT NULL,
    "Subject" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Groups" INTEGER NOT NULL,
    "CreatedByUserId" TEXT NULL,
    "CreatedByName" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "SentUtc" TEXT NULL,
    "SentByName" TEXT NULL,
    "RecipientCount" INTEGER NOT NULL,
    CONSTRAINT "FK_RoundtableMessages_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id") ON DELETE CASCADE
);

CREATE TABLE "OrganisationTags" (
    "OrganisationId" INTEGER NOT NULL,
    "TagId" INTEGER NOT NULL,
    "AddedUtc" TEXT NOT NULL,
    CONSTRAINT "PK_OrganisationTags" PRIMARY KEY ("OrganisationId", "TagId"),
    CONSTRAINT "FK_OrganisationTags_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_OrganisationTags_Tags_TagId" FOREIGN KEY ("TagId") REFERENCES "Tags" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "OrganisationSearchTerms" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OrganisationSearchTerms" PRIMARY KEY AUTOINCREMENT,
    "OrganisationId" INTEGER NOT NULL,
    "ContactId" INTEGER NULL,
    "Term" TEXT NOT NULL,
    CONSTRAINT "FK_OrganisationSearchTerms_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_OrganisationSearchTerms_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ControlAnswers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ControlAnswers" PRIMARY KEY AUTOINCREMENT,
    "OrganisationId" INTEGER NOT NULL,
    "ControlId" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "NotApplicableReason" TEXT NULL,
    "TargetDate" TEXT NULL,
    "Comment" TEXT NULL,
    "Verification" INTEGER NOT NULL,
    "ReturnReason" TEXT NULL,
    "VerifiedUtc" TEXT NULL,
    "VerifiedByName" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "AnsweredUtc" TEXT NULL,
    "AnsweredByName" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_ControlAnswers_Controls_ControlId" FOREIGN KEY ("ControlId") REFERENCES "Controls" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ControlAnswers_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AgendaItemReference" (
    "AgendaItemId" INTEGER NOT NULL,
    "ReferenceId" INTEGER NOT NULL,
    CONSTRAINT "PK_AgendaItemReference" PRIMARY KEY ("AgendaItemId", "ReferenceId"),
    CONSTRAINT "FK_AgendaItemReference_AgendaItems_AgendaItemId" FOREIGN KEY ("AgendaItemId") REFERENCES "AgendaItems" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AgendaItemReference_References_ReferenceId" FOREIGN KEY ("ReferenceId") REFERENCES "References" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Decisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Decisions" PRIMARY KEY AUTOINCREMENT,
    "AgendaItemId" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    "RecordedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_Decisions_AgendaItems_AgendaItemId" FOREIGN KEY ("AgendaItemId") REFERENCES "AgendaItems" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MinutesRevisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MinutesRevisions" PRIMARY KEY AUTOINCREMENT,
    "AgendaItemId" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "AuthorUserId" TEXT NULL,
    "AuthorName" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "AfterPublishing" INTEGER NOT NULL,
    CONSTRAINT "FK_MinutesRevisions_AgendaItems_AgendaItemId" FOREIGN KEY ("AgendaItemId") REFERENCES "AgendaItems" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Proposals" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Proposals" PRIMARY KEY AUTOINCREMENT,
    "RoundtableId" INTEGER NOT NULL,
    "OrganisationId" INTEGER NOT NULL,
    "SubmittedByUserId" TEXT NOT NULL,
    "SubmittedByName" TEXT NOT NULL,
    "Category" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "ShowWhoAsked" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "DeclineReason" TEXT NULL,
    "AgendaItemId" INTEGER NULL,
    "DuplicateOfId" INTEGER NULL,
    "CreatedUtc" TEXT NOT NULL,
    "DecidedUtc" TEXT NULL,
    CONSTRAINT "FK_Proposals_AgendaItems_AgendaItemId" FOREIGN KEY ("AgendaItemId") REFERENCES "AgendaItems" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Proposals_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Proposals_Proposals_DuplicateOfId" FOREIGN KEY ("DuplicateOfId") REFERENCES "Proposals" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Proposals_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Delegates" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Delegates" PRIMARY KEY AUTOINCREMENT,
    "InvitationId" INTEGER NOT NULL,
    "RoundtableId" INTEGER NOT NULL,
    "ContactId" INTEGER NULL,
    "FullName" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "NormalisedEmail" TEXT NOT NULL,
    "JobTitle" TEXT NULL,
    "AccessNeeds" TEXT NULL,
    "DietaryRequirements" TEXT NULL,
    "Status" INTEGER NOT NULL,
    "QueuedUtc" TEXT NOT NULL,
    "TermsVersion" TEXT NOT NULL,
    "TermsAgreedUtc" TEXT NOT NULL,
    "AttendedUtc" TEXT NULL,
    "NeedsErasedUtc" TEXT NULL,
    "ErasedUtc" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_Delegates_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Delegates_Invitations_InvitationId" FOREIGN KEY ("InvitationId") REFERENCES "Invitations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Delegates_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id")
);

CREATE TABLE "InvitationRecipients" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InvitationRecipients" PRIMARY KEY AUTOINCREMENT,
    "InvitationId" INTEGER NOT NULL,
    "ContactId" INTEGER NULL,
    "Email" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "TokenIssuedUtc" TEXT NOT NULL,
    "LinkOpenedUtc" TEXT NULL,
    "RevokedUtc" TEXT NULL,
    "ErasedUtc" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_InvitationRecipients_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_InvitationRecipients_Invitations_InvitationId" FOREIGN KEY ("InvitationId") REFERENCES "Invitations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "RoundtableMessageRecipients" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RoundtableMessageRecipients" PRIMARY KEY AUTOINCREMENT,
    "MessageId" INTEGER NOT NULL,
    "OrganisationId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "Groups" INTEGER NOT NULL,
    CONSTRAINT "FK_RoundtableMessageRecipients_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id"),
    CONSTRAINT "FK_RoundtableMessageRecipients_RoundtableMessages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "RoundtableMessages" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ControlAnswerHistory" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ControlAnswerHistory" PRIMARY KEY AUTOINCREMENT,
    "AnswerId" INTEGER NOT NULL,
    "OrganisationId" INTEGER NOT NULL,
    "ControlId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "Verification" INTEGER NOT NULL,
    "TargetDate" TEXT NULL,
    "Text" TEXT NULL,
    "ByUserId" TEXT NOT NULL,
    "ByName" TEXT NOT NULL,
    "ByOrganisationId" INTEGER NULL,
    "AtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_ControlAnswerHistory_ControlAnswers_AnswerId" FOREIGN KEY ("AnswerId") REFERENCES "ControlAnswers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ControlEvidence" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ControlEvidence" PRIMARY KEY AUTOINCREMENT,
    "AnswerId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Url" TEXT NULL,
    "Title" TEXT NOT NULL,
    "StoredFileName" TEXT NULL,
    "OriginalFileName" TEXT NULL,
    "ContentType" TEXT NULL,
    "SizeBytes" INTEGER NULL,
    "AddedByUserId" TEXT NOT NULL,
    "AddedByName" TEXT NOT NULL,
    "AddedByOrganisationId" INTEGER NULL,
    "AddedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_ControlEvidence_ControlAnswers_AnswerId" FOREIGN KEY ("AnswerId") REFERENCES "ControlAnswers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "FollowUpActions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FollowUpActions" PRIMARY KEY AUTOINCREMENT,
    "RoundtableId" INTEGER NOT NULL,
    "AgendaItemId" INTEGER NULL,
    "DecisionId" INTEGER NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NULL,
    "OwnerKind" INTEGER NOT NULL,
    "OwnerUserId" TEXT NULL,
    "OwnerOrganisationId" INTEGER NULL,
    "OwnerContactId" INTEGER NULL,
    "StaffLeadUserId" TEXT NOT NULL,
    "DueDate" TEXT NOT NULL,
    "Priority" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "ClosedUtc" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_FollowUpActions_AgendaItems_AgendaItemId" FOREIGN KEY ("AgendaItemId") REFERENCES "AgendaItems" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_FollowUpActions_AspNetUsers_OwnerUserId" FOREIGN KEY ("OwnerUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_FollowUpActions_AspNetUsers_StaffLeadUserId" FOREIGN KEY ("StaffLeadUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_FollowUpActions_Contacts_OwnerContactId" FOREIGN KEY ("OwnerContactId") REFERENCES "Contacts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_FollowUpActions_Decisions_DecisionId" FOREIGN KEY ("DecisionId") REFERENCES "Decisions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_FollowUpActions_Organisations_OwnerOrganisationId" FOREIGN KEY ("OwnerOrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_FollowUpActions_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "FeedbackRequests" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FeedbackRequests" PRIMARY KEY AUTOINCREMENT,
    "RoundtableId" INTEGER NOT NULL,
    "DelegateId" INTEGER NOT NULL,
    "OrganisationId" INTEGER NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "TokenIssuedUtc" TEXT NOT NULL,
    "LinkOpenedUtc" TEXT NULL,
    "RevokedUtc" TEXT NULL,
    "Usefulness" INTEGER NULL,
    "WhatShouldChange" TEXT NULL,
    "TopicsForNextTime" TEXT NULL,
    "AnsweredUtc" TEXT NULL,
    "AnswerChangedUtc" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_FeedbackRequests_Delegates_DelegateId" FOREIGN KEY ("DelegateId") REFERENCES "Delegates" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_FeedbackRequests_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id"),
    CONSTRAINT "FK_FeedbackRequests_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id")
);

CREATE TABLE "OutboxMessages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OutboxMessages" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "ToAddress" TEXT NOT NULL,
    "NormalisedToAddress" AS (UPPER([ToAddress])) STORED,
    "ToName" TEXT NULL,
    "Subject" TEXT NOT NULL,
    "TextBody" TEXT NOT NULL,
    "HtmlBody" TEXT NOT NULL,
    "CalendarContent" TEXT NULL,
    "CalendarMethod" TEXT NULL,
    "ProtectedLinks" TEXT NULL,
    "RoundtableId" INTEGER NULL,
    "InvitationRecipientId" INTEGER NULL,
    "DedupeKey" TEXT NULL,
    "Status" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptUtc" TEXT NOT NULL,
    "ClaimExpiresUtc" TEXT NULL,
    "ClaimToken" TEXT NULL,
    "ClaimedBy" TEXT NULL,
    "LastError" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "SentUtc" TEXT NULL,
    CONSTRAINT "FK_OutboxMessages_InvitationRecipients_InvitationRecipientId" FOREIGN KEY ("InvitationRecipientId") REFERENCES "InvitationRecipients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ActionControls" (
    "ActionId" INTEGER NOT NULL,
    "ControlId" INTEGER NOT NULL,
    "LinkedUtc" TEXT NOT NULL,
    CONSTRAINT "PK_ActionControls" PRIMARY KEY ("ActionId", "ControlId"),
    CONSTRAINT "FK_ActionControls_Controls_ControlId" FOREIGN KEY ("ControlId") REFERENCES "Controls" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ActionControls_FollowUpActions_ActionId" FOREIGN KEY ("ActionId") REFERENCES "FollowUpActions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ActionEvidence" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ActionEvidence" PRIMARY KEY AUTOINCREMENT,
    "ActionId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Url" TEXT NULL,
    "Title" TEXT NOT NULL,
    "StoredFileName" TEXT NULL,
    "OriginalFileName" TEXT NULL,
    "ContentType" TEXT NULL,
    "SizeBytes" INTEGER NULL,
    "AddedByUserId" TEXT NOT NULL,
    "AddedByName" TEXT NOT NULL,
    "AddedByOrganisationId" INTEGER NULL,
    "AddedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_ActionEvidence_FollowUpActions_ActionId" FOREIGN KEY ("ActionId") REFERENCES "FollowUpActions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ActionHistory" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ActionHistory" PRIMARY KEY AUTOINCREMENT,
    "ActionId" INTEGER NOT NULL,
    "AtUtc" TEXT NOT NULL,
    "ActorUserId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "ActorOrganisationId" INTEGER NULL,
    "Kind" INTEGER NOT NULL,
    "FromValue" TEXT NULL,
    "ToValue" TEXT NULL,
    "Comment" TEXT NULL,
    "StaffOnly" INTEGER NOT NULL,
    CONSTRAINT "FK_ActionHistory_FollowUpActions_ActionId" FOREIGN KEY ("ActionId") REFERENCES "FollowUpActions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "OutboxAttempts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OutboxAttempts" PRIMARY KEY AUTOINCREMENT,
    "OutboxMessageId" INTEGER NOT NULL,
    "AttemptedUtc" TEXT NOT NULL,
    "Outcome" INTEGER NOT NULL,
    "Reply" TEXT NOT NULL,
    CONSTRAINT "FK_OutboxAttempts_OutboxMessages_OutboxMessageId" FOREIGN KEY ("OutboxMessageId") REFERENCES "OutboxMessages" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ReminderLogs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReminderLogs" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "RoundtableId" INTEGER NULL,
    "TargetId" INTEGER NOT NULL,
    "TargetName" TEXT NOT NULL,
    "RecipientId" INTEGER NOT NULL,
    "RecipientName" TEXT NOT NULL,
    "OffsetDays" INTEGER NOT NULL,
    "DueUtc" TEXT NOT NULL,
    "Outcome" INTEGER NOT NULL,
    "Reason" TEXT NULL,
    "RecordedUtc" TEXT NOT NULL,
    "DedupeKey" TEXT NOT NULL,
    "OutboxMessageId" INTEGER NULL,
    CONSTRAINT "FK_ReminderLogs_OutboxMessages_OutboxMessageId" FOREIGN KEY ("OutboxMessageId") REFERENCES "OutboxMessages" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ReminderLogs_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ControlSets" ("Id", "CreatedByName", "CreatedUtc", "Description", "Marking", "Name", "NormalisedName", "ReadOnly", "Source")
VALUES (1, 'Roundtable Manager', '2026-12-01 00:00:00', 'The five technical controls of the government-backed Cyber Essentials scheme.', NULL, 'Cyber Essentials', 'CYBER ESSENTIALS', 1, 'NCSC Cyber Essentials: requirements for IT infrastructure');
SELECT changes();

INSERT INTO "ControlSets" ("Id", "CreatedByName", "CreatedUtc", "Description", "Marking", "Name", "NormalisedName", "ReadOnly", "Source")
VALUES (2, 'Roundtable Manager', '2026-12-01 00:00:00', 'The fourteen principles of the NCSC Cyber Assessment Framework (CAF), under its four objectives.', NULL, 'NCSC Cyber Assessment Framework', 'NCSC CYBER ASSESSMENT FRAMEWORK', 1, 'NCSC Cyber Assessment Framework');
SELECT changes();


INSERT INTO "References" ("Id", "Code", "Kind", "Title")
VALUES (1, 'CAF A', 0, 'Managing security risk');
SELECT changes();

INSERT INTO "References" ("Id", "Code", "Kind", "Title")
VALUES (2, 'CAF B', 0, 'Protecting against cyber attack');
SELECT changes();

INSERT INTO "References" ("Id", "Code", "Kind", "Title")
VALUES (3, 'CAF C', 0, 'Detecting cyber security events');
SELECT changes();

INSERT INTO "References" ("Id", "Code", "Kind", "Title")
VALUES (4, 'CAF D', 0, 'Minimising the impact of cyber security incidents');
SELECT changes();

INSERT INTO "References" ("Id", "Code", "Kind", "Title")
VALUES (5, 'CE', 1, 'Firewalls');
SELECT changes();

INSERT INTO "References" ("Id", "Code", "Kind", "Title")
VALUES (6, 'CE', 1, 'Secure configuration');
SELECT changes();

INSERT INTO "References" ("Id", "Code", "Kind", "Title")
VALUES (7, 'CE', 1, 'Security update management');
SELECT changes();

INSERT INTO "References" ("Id", "Code", "Kind", "Title")
VALUES (8, 'CE', 1, 'User access control');
SELECT changes();

INSERT INTO "References" ("Id", "Code", "Kind", "Title")
VALUES (9, 'CE', 1, 'Malware protection');
SELECT changes();


INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (1, 'CE1', 1, '2026-12-01 00:00:00', 'Every device that can reach the internet is protected by a correctly configured firewall (or a device doing the same job): default administrative passwords changed, and inbound rules that are not needed removed.', 1, NULL, NULL, NULL, 'NCSC Cyber Essentials: requirements for IT infrastructure', 'Firewalls');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (2, 'CE2', 1, '2026-12-01 00:00:00', 'Computers and network devices are set up to reduce weaknesses: unnecessary accounts and software removed, default passwords changed, auto-run off, and devices locked when not in use.', 2, NULL, NULL, NULL, 'NCSC Cyber Essentials: requirements for IT infrastructure', 'Secure configuration');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (3, 'CE3', 1, '2026-12-01 00:00:00', 'Software is licensed, supported and kept up to date: critical and high-risk security updates applied within 14 days of release, and unsupported software removed.', 3, NULL, NULL, NULL, 'NCSC Cyber Essentials: requirements for IT infrastructure', 'Security update management');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (4, 'CE4', 1, '2026-12-01 00:00:00', 'Accounts only for those who need them, with only the access they need; administrative accounts used only for administration; multi-factor authentication on cloud services.', 4, NULL, NULL, NULL, 'NCSC Cyber Essentials: requirements for IT infrastructure', 'User access control');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (5, 'CE5', 1, '2026-12-01 00:00:00', 'Anti-malware software, or allowing only approved applications to run, stops malicious software from running.', 5, NULL, NULL, NULL, 'NCSC Cyber Essentials: requirements for IT infrastructure', 'Malware protection');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (6, 'A1', 2, '2026-12-01 00:00:00', 'Policies, processes and procedures govern the organisation''s approach to the security of its network and information systems.', 1, 1, NULL, NULL, 'NCSC Cyber Assessment Framework', 'Governance');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (7, 'A2', 2, '2026-12-01 00:00:00', 'The organisation identifies, assesses and understands the security risks to the network and information systems supporting its essential functions.', 2, 1, NULL, NULL, 'NCSC Cyber Assessment Framework', 'Risk management');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (8, 'A3', 2, '2026-12-01 00:00:00', 'Everything needed to deliver, maintain or support the network and information systems behind essential functions is identified and understood.', 3, 1, NULL, NULL, 'NCSC Cyber Assessment Framework', 'Asset management');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (9, 'A4', 2, '2026-12-01 00:00:00', 'The organisation understands and manages the security risks that arise from its dependence on external suppliers.', 4, 1, NULL, NULL, 'NCSC Cyber Assessment Framework', 'Supply chain');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (10, 'B1', 2, '2026-12-01 00:00:00', 'Policies and processes that direct the approach to securing systems and data are defined, put in place, communicated and enforced.', 5, 2, NULL, NULL, 'NCSC Cyber Assessment Framework', 'Service protection policies and processes');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (11, 'B2', 2, '2026-12-01 00:00:00', 'Access to the network and information systems supporting essential functions is understood, documented and managed.', 6, 2, NULL, NULL, 'NCSC Cyber Assessment Framework', 'Identity and access control');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (12, 'B3', 2, '2026-12-01 00:00:00', 'Data stored or sent electronically is protected from unauthorised access, change or deletion that could harm essential functions.', 7, 2, NULL, NULL, 'NCSC Cyber Assessment Framework', 'Data security');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (13, 'B4', 2, '2026-12-01 00:00:00', 'Network and information systems and technology critical to essential functions are protected from cyber attack.', 8, 2, NULL, NULL, 'NCSC Cyber Assessment Framework', 'System security');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (14, 'B5', 2, '2026-12-01 00:00:00', 'Resilience against cyber attack and system failure is built into how systems are designed, put in place, run and managed.', 9, 2, NULL, NULL, 'NCSC Cyber Assessment Framework', 'Resilient networks and systems');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (15, 'B6', 2, '2026-12-01 00:00:00', 'Staff have the awareness, knowledge and skills to carry out their roles securely.', 10, 2, NULL, NULL, 'NCSC Cyber Assessment Framework', 'Staff awareness and training');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (16, 'C1', 2, '2026-12-01 00:00:00', 'The security of the networks and systems behind essential functions is monitored, to detect problems and to track how well protective measures work.', 11, 3, NULL, NULL, 'NCSC Cyber Assessment Framework', 'Security monitoring');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (17, 'C2', 2, '2026-12-01 00:00:00', 'Malicious activity is found even when it evades standard signature-based prevention and detection.', 12, 3, NULL, NULL, 'NCSC Cyber Assessment Framework', 'Proactive security event discovery');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (18, 'D1', 2, '2026-12-01 00:00:00', 'Well-defined and tested incident management processes aim to keep essential functions going if systems or services fail.', 13, 4, NULL, NULL, 'NCSC Cyber Assessment Framework', 'Response and recovery planning');
SELECT changes();

INSERT INTO "Controls" ("Id", "Code", "ControlSetId", "CreatedUtc", "Guidance", "Position", "ReferenceId", "RetiredByName", "RetiredUtc", "Source", "Title")
VALUES (19, 'D2', 2, '2026-12-01 00:00:00', 'After an incident, its root causes are understood and action is taken to protect against it happening again.', 14, 4, NULL, NULL, 'NCSC Cyber Assessment Framework', 'Lessons learned');
SELECT changes();


CREATE INDEX "IX_ActionControls_ControlId" ON "ActionControls" ("ControlId");

CREATE INDEX "IX_ActionEvidence_ActionId" ON "ActionEvidence" ("ActionId");

CREATE UNIQUE INDEX "IX_ActionEvidence_StoredFileName" ON "ActionEvidence" ("StoredFileName");

CREATE INDEX "IX_ActionHistory_ActionId_AtUtc" ON "ActionHistory" ("ActionId", "AtUtc");

CREATE INDEX "IX_AgendaItemReference_ReferenceId" ON "AgendaItemReference" ("ReferenceId");

CREATE INDEX "IX_AgendaItems_RoundtableId_Position" ON "AgendaItems" ("RoundtableId", "Position");

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE INDEX "IX_AspNetUsers_OrganisationId" ON "AspNetUsers" ("OrganisationId");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_AuditEvents_Action_OccurredUtc" ON "AuditEvents" ("Action", "OccurredUtc");

CREATE INDEX "IX_AuditEvents_ActorUserId" ON "AuditEvents" ("ActorUserId");

CREATE INDEX "IX_AuditEvents_OccurredUtc" ON "AuditEvents" ("OccurredUtc");

CREATE UNIQUE INDEX "IX_CalendarEntries_RoundtableId_PersonKey" ON "CalendarEntries" ("RoundtableId", "PersonKey");

CREATE UNIQUE INDEX "IX_Contacts_NormalisedEmail" ON "Contacts" ("NormalisedEmail");

CREATE INDEX "IX_Contacts_OrganisationId" ON "Contacts" ("OrganisationId");

CREATE INDEX "IX_ControlAdoptions_AdoptedUtc" ON "ControlAdoptions" ("AdoptedUtc");

CREATE UNIQUE INDEX "IX_ControlAdoptions_ControlSetId_OrganisationId" ON "ControlAdoptions" ("ControlSetId", "OrganisationId");

CREATE INDEX "IX_ControlAdoptions_OrganisationId" ON "ControlAdoptions" ("OrganisationId");

CREATE INDEX "IX_ControlAdoptions_RoundtableId" ON "ControlAdoptions" ("RoundtableId");

CREATE INDEX "IX_ControlAnswerHistory_AnswerId_AtUtc" ON "ControlAnswerHistory" ("AnswerId", "AtUtc");

CREATE INDEX "IX_ControlAnswerHistory_ControlId_AtUtc" ON "ControlAnswerHistory" ("ControlId", "AtUtc");

CREATE INDEX "IX_ControlAnswers_ControlId_Status" ON "ControlAnswers" ("ControlId", "Status");

CREATE UNIQUE INDEX "IX_ControlAnswers_OrganisationId_ControlId" ON "ControlAnswers" ("OrganisationId", "ControlId");

CREATE INDEX "IX_ControlAnswers_Status_TargetDate" ON "ControlAnswers" ("Status", "TargetDate");

CREATE INDEX "IX_ControlEvidence_AnswerId" ON "ControlEvidence" ("AnswerId");

CREATE UNIQUE INDEX "IX_ControlEvidence_StoredFileName" ON "ControlEvidence" ("StoredFileName");

CREATE UNIQUE INDEX "IX_Controls_ControlSetId_Code" ON "Controls" ("ControlSetId", "Code");

CREATE INDEX "IX_Controls_ReferenceId" ON "Controls" ("ReferenceId");

CREATE UNIQUE INDEX "IX_ControlSets_NormalisedName" ON "ControlSets" ("NormalisedName");

CREATE INDEX "IX_Decisions_AgendaItemId" ON "Decisions" ("AgendaItemId");

CREATE INDEX "IX_Delegates_ContactId" ON "Delegates" ("ContactId");

CREATE UNIQUE INDEX "IX_Delegates_InvitationId_NormalisedEmail" ON "Delegates" ("InvitationId", "NormalisedEmail");

CREATE INDEX "IX_Delegates_RoundtableId_Status_QueuedUtc" ON "Delegates" ("RoundtableId", "Status", "QueuedUtc");

CREATE INDEX "IX_FeedbackRequests_DelegateId" ON "FeedbackRequests" ("DelegateId");

CREATE INDEX "IX_FeedbackRequests_OrganisationId_AnsweredUtc" ON "FeedbackRequests" ("OrganisationId", "AnsweredUtc");

CREATE UNIQUE INDEX "IX_FeedbackRequests_RoundtableId_DelegateId" ON "FeedbackRequests" ("RoundtableId", "DelegateId");

CREATE UNIQUE INDEX "IX_FeedbackRequests_TokenHash" ON "FeedbackRequests" ("TokenHash");

CREATE INDEX "IX_FollowUpActions_AgendaItemId" ON "FollowUpActions" ("AgendaItemId");

CREATE INDEX "IX_FollowUpActions_CreatedUtc" ON "FollowUpActions" ("CreatedUtc");

CREATE INDEX "IX_FollowUpActions_DecisionId" ON "FollowUpActions" ("DecisionId");

CREATE INDEX "IX_FollowUpActions_DueDate" ON "FollowUpActions" ("DueDate");

CREATE INDEX "IX_FollowUpActions_OwnerContactId" ON "FollowUpActions" ("OwnerContactId");

CREATE INDEX "IX_FollowUpActions_OwnerOrganisationId" ON "FollowUpActions" ("OwnerOrganisationId");

CREATE INDEX "IX_FollowUpActions_OwnerUserId" ON "FollowUpActions" ("OwnerUserId");

CREATE INDEX "IX_FollowUpActions_RoundtableId" ON "FollowUpActions" ("RoundtableId");

CREATE INDEX "IX_FollowUpActions_StaffLeadUserId" ON "FollowUpActions" ("StaffLeadUserId");

CREATE INDEX "IX_FollowUpActions_Status_DueDate" ON "FollowUpActions" ("Status", "DueDate");

CREATE INDEX "IX_ImportBatches_ExpiresUtc" ON "ImportBatches" ("ExpiresUtc");

CREATE INDEX "IX_Interactions_OrganisationId_OccurredUtc" ON "Interactions" ("OrganisationId", "OccurredUtc");

CREATE INDEX "IX_InvitationRecipients_ContactId" ON "InvitationRecipients" ("ContactId");

CREATE INDEX "IX_InvitationRecipients_InvitationId" ON "InvitationRecipients" ("InvitationId");

CREATE UNIQUE INDEX "IX_InvitationRecipients_InvitationId_ContactId" ON "InvitationRecipients" ("InvitationId", "ContactId") WHERE [ContactId] IS NOT NULL;

CREATE UNIQUE INDEX "IX_InvitationRecipients_TokenHash" ON "InvitationRecipients" ("TokenHash");

CREATE INDEX "IX_Invitations_OrganisationId" ON "Invitations" ("OrganisationId");

CREATE UNIQUE INDEX "IX_Invitations_RoundtableId_OrganisationId" ON "Invitations" ("RoundtableId", "OrganisationId");

CREATE UNIQUE INDEX "IX_InviteSelections_RoundtableId_UserId" ON "InviteSelections" ("RoundtableId", "UserId");

CREATE INDEX "IX_InviteSelections_UpdatedUtc" ON "InviteSelections" ("UpdatedUtc");

CREATE INDEX "IX_MinutesRevisions_AgendaItemId" ON "MinutesRevisions" ("AgendaItemId");

CREATE INDEX "IX_Organisations_IsArchived_Type" ON "Organisations" ("IsArchived", "Type");

CREATE UNIQUE INDEX "IX_Organisations_NormalisedName" ON "Organisations" ("NormalisedName");

CREATE INDEX "IX_OrganisationSearchTerms_ContactId" ON "OrganisationSearchTerms" ("ContactId");

CREATE INDEX "IX_OrganisationSearchTerms_OrganisationId" ON "OrganisationSearchTerms" ("OrganisationId");

CREATE INDEX "IX_OrganisationSearchTerms_Term_OrganisationId" ON "OrganisationSearchTerms" ("Term", "OrganisationId");

CREATE INDEX "IX_OrganisationTags_TagId" ON "OrganisationTags" ("TagId");

CREATE INDEX "IX_OutboxAttempts_OutboxMessageId" ON "OutboxAttempts" ("OutboxMessageId");

CREATE UNIQUE INDEX "IX_OutboxMessages_DedupeKey" ON "OutboxMessages" ("DedupeKey") WHERE [DedupeKey] IS NOT NULL;

CREATE INDEX "IX_OutboxMessages_InvitationRecipientId" ON "OutboxMessages" ("InvitationRecipientId");

CREATE INDEX "IX_OutboxMessages_Kind" ON "OutboxMessages" ("Kind");

CREATE INDEX "IX_OutboxMessages_NormalisedToAddress_CreatedUtc" ON "OutboxMessages" ("NormalisedToAddress", "CreatedUtc");

CREATE INDEX "IX_OutboxMessages_RoundtableId_Kind" ON "OutboxMessages" ("RoundtableId", "Kind");

CREATE INDEX "IX_OutboxMessages_Status_NextAttemptUtc" ON "OutboxMessages" ("Status", "NextAttemptUtc");

CREATE INDEX "IX_Proposals_AgendaItemId" ON "Proposals" ("AgendaItemId");

CREATE INDEX "IX_Proposals_DuplicateOfId" ON "Proposals" ("DuplicateOfId");

CREATE INDEX "IX_Proposals_OrganisationId" ON "Proposals" ("OrganisationId");

CREATE INDEX "IX_Proposals_RoundtableId_Status" ON "Proposals" ("RoundtableId", "Status");

CREATE INDEX "IX_RateLimitCounters_WindowStartUtc" ON "RateLimitCounters" ("WindowStartUtc");

CREATE UNIQUE INDEX "IX_ReminderLogs_DedupeKey" ON "ReminderLogs" ("DedupeKey");

CREATE INDEX "IX_ReminderLogs_OutboxMessageId" ON "ReminderLogs" ("OutboxMessageId");

CREATE INDEX "IX_ReminderLogs_RoundtableId_Kind_DueUtc" ON "ReminderLogs" ("RoundtableId", "Kind", "DueUtc");

CREATE UNIQUE INDEX "IX_ReminderSettings_RoundtableId_Kind" ON "ReminderSettings" ("RoundtableId", "Kind");

CREATE UNIQUE INDEX "IX_RoundtableMessageRecipients_MessageId_Email" ON "RoundtableMessageRecipients" ("MessageId", "Email");

CREATE INDEX "IX_RoundtableMessageRecipients_OrganisationId_MessageId" ON "RoundtableMessageRecipients" ("OrganisationId", "MessageId");

CREATE INDEX "IX_RoundtableMessages_RoundtableId_SentUtc" ON "RoundtableMessages" ("RoundtableId", "SentUtc");

CREATE INDEX "IX_Roundtables_EndsUtc" ON "Roundtables" ("EndsUtc");

CREATE INDEX "IX_Roundtables_PreviousRoundtableId" ON "Roundtables" ("PreviousRoundtableId");

CREATE INDEX "IX_Roundtables_RsvpDeadlineUtc" ON "Roundtables" ("RsvpDeadlineUtc");

CREATE INDEX "IX_Roundtables_StartsUtc" ON "Roundtables" ("StartsUtc");

CREATE UNIQUE INDEX "IX_Tags_NormalisedName" ON "Tags" ("NormalisedName");

CREATE INDEX "IX_UnknownAccountSignIns_LastFailureUtc" ON "UnknownAccountSignIns" ("LastFailureUtc");

CREATE INDEX "IX_UserSessions_ExpiresUtc" ON "UserSessions" ("ExpiresUtc");

CREATE INDEX "IX_UserSessions_UserId" ON "UserSessions" ("UserId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206131407_Initial', '10.0.15');

ALTER TABLE "Organisations" ADD "LastEngagedUtc" TEXT NOT NULL DEFAULT '0001-01-01 00:00:00';

CREATE TABLE "DirectoryCounts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DirectoryCounts" PRIMARY KEY AUTOINCREMENT,
    "IsArchived" INTEGER NOT NULL,
    "Type" INTEGER NOT NULL,
    "Organisations" INTEGER NOT NULL,
    "Contacts" INTEGER NOT NULL
);

CREATE TABLE "ReplySummaries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReplySummaries" PRIMARY KEY AUTOINCREMENT,
    "RoundtableId" INTEGER NOT NULL,
    "GroupKind" INTEGER NOT NULL,
    "GroupKey" INTEGER NOT NULL,
    "Invited" INTEGER NOT NULL,
    "Replied" INTEGER NOT NULL,
    "Accepted" INTEGER NOT NULL,
    "Attended" INTEGER NOT NULL,
    "ReplyTenths" TEXT NOT NULL,
    CONSTRAINT "FK_ReplySummaries_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ReportSummaryRefreshes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReportSummaryRefreshes" PRIMARY KEY AUTOINCREMENT,
    "RoundtableId" INTEGER NULL,
    "OrganisationId" INTEGER NULL,
    CONSTRAINT "FK_ReportSummaryRefreshes_Roundtables_RoundtableId" FOREIGN KEY ("RoundtableId") REFERENCES "Roundtables" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Organisations_IsArchived_LastEngagedUtc_Name_Id" ON "Organisations" ("IsArchived", "LastEngagedUtc", "Name", "Id");

CREATE INDEX "IX_DirectoryCounts_IsArchived_Type" ON "DirectoryCounts" ("IsArchived", "Type");

CREATE UNIQUE INDEX "IX_ReplySummaries_RoundtableId_GroupKind_GroupKey" ON "ReplySummaries" ("RoundtableId", "GroupKind", "GroupKey");

CREATE INDEX "IX_ReportSummaryRefreshes_RoundtableId" ON "ReportSummaryRefreshes" ("RoundtableId");

INSERT INTO [ReportSummaryRefreshes] ([OrganisationId]) SELECT [Id] FROM [Organisations];

INSERT INTO [DirectoryCounts] ([IsArchived], [Type], [Organisations], [Contacts]) SELECT o.[IsArchived], o.[Type], COUNT(*), SUM((SELECT COUNT(*) FROM [Contacts] AS c WHERE c.[OrganisationId] = o.[Id])) FROM [Organisations] AS o GROUP BY o.[IsArchived], o.[Type];

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206174441_ProgrammeScaleSummaries', '10.0.15');

DROP INDEX "IX_FollowUpActions_CreatedUtc";

CREATE TABLE "ActionDueCounts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ActionDueCounts" PRIMARY KEY AUTOINCREMENT,
    "Status" INTEGER NOT NULL,
    "DueDate" TEXT NOT NULL,
    "Count" INTEGER NOT NULL
);

CREATE INDEX "IX_OutboxMessages_Status_Id" ON "OutboxMessages" ("Status", "Id");

CREATE INDEX "IX_FollowUpActions_CreatedUtc_Status_DueDate_OwnerOrganisationId_AgendaItemId_ClosedUtc" ON "FollowUpActions" ("CreatedUtc", "Status", "DueDate", "OwnerOrganisationId", "AgendaItemId", "ClosedUtc");

CREATE INDEX "IX_ActionDueCounts_Status_DueDate" ON "ActionDueCounts" ("Status", "DueDate");

INSERT INTO [ActionDueCounts] ([Status], [DueDate], [Count]) SELECT [Status], [DueDate], COUNT(*) FROM [FollowUpActions] GROUP BY [Status], [DueDate];

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206210949_PagesAtProgrammeScale', '10.0.15');

ALTER TABLE "ReportSummaryRefreshes" ADD "Month" INTEGER NULL;

CREATE TABLE "ReplyMonthSummaries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReplyMonthSummaries" PRIMARY KEY AUTOINCREMENT,
    "Month" INTEGER NOT NULL,
    "GroupKind" INTEGER NOT NULL,
    "GroupKey" INTEGER NOT NULL,
    "Invited" INTEGER NOT NULL,
    "Replied" INTEGER NOT NULL,
    "Accepted" INTEGER NOT NULL,
    "Attended" INTEGER NOT NULL,
    "ReplyTenths" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_ReplyMonthSummaries_Month_GroupKind_GroupKey" ON "ReplyMonthSummaries" ("Month", "GroupKind", "GroupKey");

INSERT INTO [ReportSummaryRefreshes] ([Month]) SELECT CAST(strftime('%Y%m', [StartsUtc]) AS INTEGER) FROM [Roundtables] UNION SELECT CAST(strftime('%Y%m', [StartsUtc], '+1 hour') AS INTEGER) FROM [Roundtables];

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207000417_ProgrammeReportMonths', '10.0.15');

CREATE TABLE "ef_temp_OrganisationSearchTerms" (
    "Term" TEXT NOT NULL,
    "OrganisationId" INTEGER NOT NULL,
    CONSTRAINT "PK_OrganisationSearchTerms" PRIMARY KEY ("Term", "OrganisationId"),
    CONSTRAINT "FK_OrganisationSearchTerms_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);
INSERT OR IGNORE INTO "ef_temp_OrganisationSearchTerms" ("Term", "OrganisationId")
SELECT "Term", "OrganisationId" FROM "OrganisationSearchTerms" ORDER BY "Term", "OrganisationId";
DROP TABLE "OrganisationSearchTerms";
ALTER TABLE "ef_temp_OrganisationSearchTerms" RENAME TO "OrganisationSearchTerms";
CREATE INDEX "IX_OrganisationSearchTerms_OrganisationId" ON "OrganisationSearchTerms" ("OrganisationId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207001305_CsvImportSearchWords', '10.0.15');

CREATE TABLE "ActionMonthCounts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ActionMonthCounts" PRIMARY KEY AUTOINCREMENT,
    "Month" INTEGER NOT NULL,
    "AgendaItemId" INTEGER NOT NULL,
    "OwnerOrganisationId" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "DueDate" TEXT NOT NULL,
    "Count" INTEGER NOT NULL
);

CREATE INDEX "IX_ActionMonthCounts_Month_AgendaItemId_OwnerOrganisationId_Status_DueDate_Count" ON "ActionMonthCounts" ("Month", "AgendaItemId", "OwnerOrganisationId", "Status", "DueDate", "Count");

INSERT INTO "ActionMonthCounts" ("Month", "AgendaItemId", "OwnerOrganisationId", "Status", "DueDate", "Count")
SELECT CAST(strftime('%Y%m', "CreatedUtc", CASE WHEN CAST(strftime('%m', "CreatedUtc") AS INTEGER) BETWEEN 3 AND 9 THEN '+1 hours' ELSE '+0 hours' END) AS INTEGER),
    COALESCE("AgendaItemId", 0), COALESCE("OwnerOrganisationId", 0), "Status", "DueDate", COUNT(*)
FROM "FollowUpActions"
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207032955_ActionMonthCounts', '10.0.15');

CREATE INDEX "IX_FollowUpActions_Status_CreatedUtc_ClosedUtc_OwnerOrganisationId_AgendaItemId" ON "FollowUpActions" ("Status", "CreatedUtc", "ClosedUtc", "OwnerOrganisationId", "AgendaItemId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207063006_ActionsDoneByOpening', '10.0.15');

CREATE TABLE "ImportBatchFiles" (
    "ImportBatchId" TEXT NOT NULL CONSTRAINT "PK_ImportBatchFiles" PRIMARY KEY,
    "Content" TEXT NOT NULL,
    CONSTRAINT "FK_ImportBatchFiles_ImportBatches_ImportBatchId" FOREIGN KEY ("ImportBatchId") REFERENCES "ImportBatches" ("Id") ON DELETE CASCADE
);

INSERT INTO "ImportBatchFiles" ("ImportBatchId", "Content") SELECT "Id", "Content" FROM "ImportBatches";

CREATE TABLE "ef_temp_ImportBatches" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ImportBatches" PRIMARY KEY,
    "ConfirmedUtc" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "ExpiresUtc" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ResultRows" TEXT NULL,
    "ResultSummary" TEXT NULL,
    "UnknownTypesAsOther" INTEGER NOT NULL,
    "UploadedById" TEXT NOT NULL
);

INSERT INTO "ef_temp_ImportBatches" ("Id", "ConfirmedUtc", "CreatedUtc", "ExpiresUtc", "FileName", "ResultRows", "ResultSummary", "UnknownTypesAsOther", "UploadedById")
SELECT "Id", "ConfirmedUtc", "CreatedUtc", "ExpiresUtc", "FileName", "ResultRows", "ResultSummary", "UnknownTypesAsOther", "UploadedById"
FROM "ImportBatches";

PRAGMA foreign_keys = 0;

DROP TABLE "ImportBatches";

ALTER TABLE "ef_temp_ImportBatches" RENAME TO "ImportBatches";

PRAGMA foreign_keys = 1;

CREATE INDEX "IX_ImportBatches_ExpiresUtc" ON "ImportBatches" ("ExpiresUtc");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207140414_ImportBatchFiles', '10.0.15');

