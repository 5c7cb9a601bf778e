namespace RoundtableManager.Core.Controls;

/// <summary>Reads of control sets and answers, projected for pages with no tracking.</summary>
public sealed class ControlQueries(AppDbContext db, EvidenceStore store)
{
    public async Task<IReadOnlyList<ControlSetSummary>> SetsAsync(CancellationToken cancellationToken) =>
        await db.ControlSets.AsNoTracking().OrderByDescending(s => s.ReadOnly).ThenBy(s => s.Id)
            .Select(s => new ControlSetSummary(s.Id, s.Name, s.Source, s.Marking, s.ReadOnly,
                s.Controls.Count(c => c.RetiredUtc == null), s.Controls.Count(c => c.RetiredUtc != null),
                db.ControlAdoptions.Count(a => a.ControlSetId == s.Id)))
            .ToListAsync(cancellationToken);

    public async Task<ControlSetDetails?> SetAsync(int id, CancellationToken cancellationToken)
    {
        var set = await db.ControlSets.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Id, s.Name, s.Description, s.Source, s.Marking, s.ReadOnly, s.CreatedByName, s.CreatedUtc, Organisations = db.ControlAdoptions.Count(a => a.ControlSetId == s.Id) })
            .FirstOrDefaultAsync(cancellationToken);
        if (set is null)
        {
            return null;
        }

        var controls = await db.Controls.AsNoTracking().Where(c => c.ControlSetId == id).OrderBy(c => c.Position)
            .Select(c => new ControlRow(c.Id, c.Code, c.Title, c.Guidance, c.Source, c.Reference == null ? null : c.Reference.Code + " " + c.Reference.Title, c.RetiredUtc, c.RetiredByName))
            .ToListAsync(cancellationToken);
        return new ControlSetDetails(set.Id, set.Name, set.Description, set.Source, set.Marking, set.ReadOnly, set.CreatedByName, set.CreatedUtc, controls, set.Organisations);
    }

    /// <summary>Every set adopted for the organisation with its answers; retired controls only when <paramref name="includeRetired"/>.</summary>
    public async Task<OrganisationControls?> ForOrganisationAsync(int organisationId, bool includeRetired, CancellationToken cancellationToken)
    {
        var name = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return null;
        }

        var adoptions = await db.ControlAdoptions.AsNoTracking().Where(a => a.OrganisationId == organisationId)
            .Join(db.ControlSets, a => a.ControlSetId, s => s.Id, (a, s) => new
            {
                s.Id,
                s.Name,
                s.Marking,
                a.AdoptedUtc,
                Roundtable = db.Roundtables.Where(r => r.Id == a.RoundtableId).Select(r => r.Title).FirstOrDefault(),
            })
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var setIds = adoptions.Select(a => a.Id).ToList();
        var answers = await db.ControlAnswers.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId && EF.Parameter(setIds).Contains(a.Control.ControlSetId) && (includeRetired || a.Control.RetiredUtc == null))
            .OrderBy(a => a.Control.Position)
            .Select(a => new
            {
                a.Control.ControlSetId,
                Row = new AnswerRow(a.Id, a.ControlId, a.Control.Code, a.Control.Title, a.Control.Reference == null ? null : a.Control.Reference.Code + " " + a.Control.Reference.Title,
                    a.Control.RetiredUtc != null, a.Status, a.Verification, a.TargetDate, a.AnsweredUtc, a.ReturnReason, a.History.Count()),
            })
            .ToListAsync(cancellationToken);
        var bySet = answers.ToLookup(a => a.ControlSetId, a => a.Row);
        return new OrganisationControls(organisationId, name,
            adoptions.Select(a => new AdoptedSet(a.Id, a.Name, a.Marking, a.Roundtable, a.AdoptedUtc, bySet[a.Id].ToList())).ToList());
    }

    /// <summary>One answer with its history and evidence; with <paramref name="organisationId"/>, only that organisation's.</summary>
    public async Task<AnswerDetails?> AnswerAsync(int answerId, int? organisationId, CancellationToken cancellationToken)
    {
        var answer = await db.ControlAnswers.AsNoTracking()
            .Where(a => a.Id == answerId && (organisationId == null || a.OrganisationId == organisationId))
            .Select(a => new
            {
                a.Id,
                a.OrganisationId,
                Organisation = db.Organisations.Where(o => o.Id == a.OrganisationId).Select(o => o.Name).First(),
                a.Control.ControlSetId,
                SetName = a.Control.ControlSet.Name,
                a.Control.ControlSet.Marking,
                Control = new ControlRow(a.Control.Id, a.Control.Code, a.Control.Title, a.Control.Guidance, a.Control.Source,
                    a.Control.Reference == null ? null : a.Control.Reference.Code + " " + a.Control.Reference.Title, a.Control.RetiredUtc, a.Control.RetiredByName),
                a.Status,
                a.NotApplicableReason,
                a.TargetDate,
                a.Comment,
                a.Verification,
                a.ReturnReason,
                a.VerifiedByName,
                a.VerifiedUtc,
                a.AnsweredUtc,
                a.AnsweredByName,
                a.Version,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (answer is null)
        {
            return null;
        }

        var history = await db.ControlAnswerHistory.AsNoTracking().Where(e => e.AnswerId == answerId).OrderByDescending(e => e.Id)
            .Select(e => new AnswerHistoryRow(e.Kind, e.Status, e.Verification, e.TargetDate, e.Text, e.ByName, e.ByOrganisationId != null, e.AtUtc))
            .ToListAsync(cancellationToken);
        var evidence = await db.ControlEvidence.AsNoTracking().Where(e => e.AnswerId == answerId).OrderBy(e => e.Id)
            .Select(e => new ActionEvidenceView(e.Id, e.Kind, e.Title, e.Url, e.OriginalFileName, e.ContentType, e.SizeBytes, e.AddedByName, e.AddedUtc))
            .ToListAsync(cancellationToken);
        var actions = organisationId is not null ? [] : await db.ActionControls.AsNoTracking()
            .Where(l => l.ControlId == answer.Control.Id)
            .Join(db.FollowUpActions, l => l.ActionId, a => a.Id, (l, a) => a)
            .Where(a => a.OwnerKind == ActionOwnerKind.Organisation && a.OwnerOrganisationId == answer.OrganisationId)
            .OrderBy(a => a.DueDate)
            .Select(a => new LinkedAction(a.Id, a.Title, a.Status))
            .ToListAsync(cancellationToken);
        return new AnswerDetails(answer.Id, answer.OrganisationId, answer.Organisation, answer.ControlSetId, answer.SetName, answer.Marking, answer.Control,
            answer.Status, answer.NotApplicableReason, answer.TargetDate, answer.Comment, answer.Verification, answer.ReturnReason,
            answer.VerifiedByName, answer.VerifiedUtc, answer.AnsweredUtc, answer.AnsweredByName, answer.Version, history, evidence, actions);
    }

    /// <summary>An evidence file of an answer; with <paramref name="organisationId"/>, only that organisation's. Null when there is none.</summary>
    public async Task<EvidenceDownload?> OpenEvidenceAsync(int answerId, int evidenceId, int? organisationId, CancellationToken cancellationToken)
    {
        var file = await db.ControlEvidence.AsNoTracking()
            .Where(e => e.Id == evidenceId && e.AnswerId == answerId && e.Kind == ActionEvidenceKind.File
                && db.ControlAnswers.Any(a => a.Id == e.AnswerId && (organisationId == null || a.OrganisationId == organisationId)))
            .Select(e => new { e.StoredFileName, e.ContentType, e.OriginalFileName, Marking = db.ControlAnswers.Where(a => a.Id == e.AnswerId).Select(a => a.Control.ControlSet.Marking).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        // The file leaves the page that shows the set's marking: its name carries the marking with it.
        return file is null ? null : store.Open(file.StoredFileName, file.ContentType, file.Marking is { } marking ? $"{marking.FileNamePart()}-{file.OriginalFileName}" : file.OriginalFileName);
    }

    /// <summary>The largest evidence file accepted, as text ("10 MB").</summary>
    public string MaxEvidenceSize => store.MaxSizeText;
}
