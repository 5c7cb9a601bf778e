using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RoundtableManager.Core.Audit;
using RoundtableManager.Core.Common;
using RoundtableManager.Core.Data;
using RoundtableManager.Core.Suppliers;

namespace RoundtableManager.Core.Actions;

/// <summary>A file as it arrives from a form: the name the browser gave, its length and its content.</summary>
public sealed record EvidenceUpload(string FileName, long Length, Stream Content);

/// <summary>An evidence file to send back: the stream to the stored file, how to serve it and the name to offer.</summary>
public sealed record EvidenceDownload(Stream Content, string ContentType, string FileName);

/// <summary>
/// Links and files showing progress on an action, added by staff or by the owning supplier. Files are kept outside
/// wwwroot under a random name; what the user called the file is kept for display and the download's name only.
/// </summary>
public sealed class ActionEvidenceService(AppDbContext db, IAuditLog audit, TimeProvider time, IOptions<ActionOptions> options, IHostEnvironment environment)
{
    public long MaxBytes => options.Value.MaxEvidenceBytes;

    public string MaxSizeText => FormatSize(MaxBytes);

    /// <summary>The folder the files are kept in, as a full path.</summary>
    public string Folder => Path.GetFullPath(Path.IsPathRooted(options.Value.EvidenceFolder)
        ? options.Value.EvidenceFolder
        : Path.Combine(environment.ContentRootPath, options.Value.EvidenceFolder));

    /// <summary>
    /// Adds a link or a file (one of the two, with a title). With <paramref name="organisationId"/>, NotFound unless that
    /// organisation owns the action, and NotAllowed once it is Done or Cancelled. Writes an EvidenceAdded history entry
    /// and an audit event with the evidence.
    /// </summary>
    public async Task<CommandResult<int>> AddAsync(int id, int? organisationId, string? title, string? url, EvidenceUpload? file, ActionActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var action = await db.FollowUpActions.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null || (organisationId is { } org && (action.OwnerKind != ActionOwnerKind.Organisation || action.OwnerOrganisationId != org)))
        {
            return CommandResult.NotFound().As<int>();
        }

        if (organisationId is not null && !action.Status.IsActive())
        {
            return CommandResult.NotAllowed("The action's status does not allow this").As<int>();
        }

        var errors = new List<FieldError>();
        var cleanTitle = errors.CheckSingleLine("EvidenceTitle", "Title", title, ActionEvidence.TitleMaxLength, "Enter a title for the evidence");
        var (cleanUrl, content, contentType) = await CheckLinkOrFileAsync(url, file, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var evidence = new ActionEvidence
        {
            Kind = content is null ? ActionEvidenceKind.Link : ActionEvidenceKind.File,
            Url = content is null ? cleanUrl : null,
            Title = cleanTitle!,
            AddedByUserId = actor.UserId,
            AddedByName = actor.Name.Length > 200 ? actor.Name[..200] : actor.Name,
            AddedByOrganisationId = actor.OrganisationId,
            AddedUtc = now,
        };
        var path = content is null ? null : await StoreAsync(evidence, file!.FileName, content, contentType!, cancellationToken);
        action.Evidence.Add(evidence);
        action.History.Add(ActionCommands.NewEntry(actor, ActionHistoryKind.EvidenceAdded, null, evidence.OriginalFileName is null ? evidence.Title : $"{evidence.Title} ({evidence.OriginalFileName})", null, now));
        audit.Record("Action.EvidenceAdded", $"Added {(content is null ? "a link" : "a file")} as evidence to the action \"{action.Title}\"", ActionCommands.SubjectType, id.ToString(CultureInfo.InvariantCulture), action.OwnerOrganisationId, (actor.UserId, actor.Name));
        action.Version++;
        action.UpdatedUtc = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            DeleteQuietly(path);
            return CommandResult.Conflict("Someone else changed this action since it was shown").As<int>();
        }
        catch
        {
            DeleteQuietly(path);
            throw;
        }

        return CommandResult.Done(id);
    }

    /// <summary>An evidence file of the action; with <paramref name="organisationId"/>, only if that organisation owns the action.</summary>
    public async Task<EvidenceDownload?> OpenAsync(int actionId, int evidenceId, int? organisationId, CancellationToken cancellationToken)
    {
        var query = db.ActionEvidence.AsNoTracking().Where(e => e.Id == evidenceId && e.ActionId == actionId && e.Kind == ActionEvidenceKind.File);
        if (organisationId is { } org)
        {
            query = query.Where(e => db.FollowUpActions.Any(a => a.Id == e.ActionId && a.OwnerKind == ActionOwnerKind.Organisation && a.OwnerOrganisationId == org));
        }

        var evidence = await query.Select(e => new { e.StoredFileName, e.ContentType, e.OriginalFileName }).SingleOrDefaultAsync(cancellationToken);
        if (evidence?.StoredFileName is null)
        {
            return null;
        }

        var path = Path.Combine(Folder, Path.GetFileName(evidence.StoredFileName));
        if (!File.Exists(path))
        {
            return null;
        }

        return new EvidenceDownload(File.OpenRead(path), evidence.ContentType ?? "application/octet-stream", evidence.OriginalFileName ?? "evidence");
    }

    /// <summary>The last part of what the browser sent, with anything but letters, digits and a few marks replaced: for display and Content-Disposition only.</summary>
    public static string SafeFileName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/')[^1].Trim();
        var builder = new StringBuilder(last.Length);
        foreach (var c in last)
        {
            builder.Append(char.IsLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '(' or ')' ? c : '_');
        }

        var safe = builder.ToString().TrimStart('.', ' ');
        if (safe.Length > ActionEvidence.FileNameMaxLength)
        {
            var extension = Path.GetExtension(safe);
            safe = safe[..(ActionEvidence.FileNameMaxLength - extension.Length)] + extension;
        }

        return safe.Length == 0 ? "evidence" : safe;
    }

    /// <summary>A link (https only) or a file whose type its name and first bytes agree on: one of the two.</summary>
    private async Task<(string? Url, byte[]? Content, string? ContentType)> CheckLinkOrFileAsync(string? url, EvidenceUpload? file, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var cleanUrl = TextRules.SingleLine(url);
        if (!TextRules.IsSingleLine(cleanUrl))
        {
            errors.Add(new("EvidenceUrl", TextRules.SingleLineMessage("Link")));
        }
        else if (cleanUrl is null && file is null)
        {
            errors.Add(new("EvidenceUrl", "Enter a link or choose a file"));
        }
        else if (cleanUrl is not null && file is not null)
        {
            errors.Add(new("EvidenceUrl", "Enter a link or choose a file, not both"));
        }
        else if (cleanUrl is not null && !ActionEvidence.IsHttpsUrl(cleanUrl))
        {
            errors.Add(new("EvidenceUrl", "Enter a link that starts with https://, like https://www.example.com/report"));
        }
        else if (file is not null)
        {
            var (content, contentType) = await ReadFileAsync(file, errors, cancellationToken);
            return (cleanUrl, content, contentType);
        }

        return (cleanUrl, null, null);
    }

    /// <summary>Writes the file under a random name in the evidence folder and returns its path.</summary>
    private async Task<string> StoreAsync(ActionEvidence evidence, string uploadedName, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        evidence.StoredFileName = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        evidence.OriginalFileName = SafeFileName(uploadedName);
        evidence.ContentType = contentType;
        evidence.SizeBytes = content.Length;
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, evidence.StoredFileName);
        await File.WriteAllBytesAsync(path, content, cancellationToken);
        return path;
    }

    private async Task<(byte[]? Content, string? ContentType)> ReadFileAsync(EvidenceUpload file, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
        {
            errors.Add(new("EvidenceFile", "The selected file is empty"));
            return (null, null);
        }

        if (file.Length > MaxBytes)
        {
            errors.Add(new("EvidenceFile", $"The selected file must be smaller than {MaxSizeText}"));
            return (null, null);
        }

        using var buffer = new MemoryStream();
        await file.Content.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var contentType = content.Length <= MaxBytes ? EvidenceFileTypes.Recognise(file.FileName, content) : null;
        if (contentType is null)
        {
            errors.Add(new("EvidenceFile", $"The selected file must be a {EvidenceFileTypes.Described}"));
            return (null, null);
        }

        return (content, contentType);
    }

    private static string FormatSize(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";

    private static void DeleteQuietly(string? path)
    {
        if (path is not null && File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
