using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;

namespace RoundtableManager.Core.Actions;

/// <summary>A file as it arrives from a form: the name the browser gave, its length and its content.</summary>
public sealed record EvidenceUpload(string FileName, long Length, Stream Content);

/// <summary>An evidence file to send back: the stream to the stored file, how to serve it and the name to offer.</summary>
public sealed record EvidenceDownload(Stream Content, string ContentType, string FileName);

/// <summary>Evidence that passed the checks: a title and either an https link or a file's bytes and recognised type.</summary>
public sealed record CheckedEvidence(string Title, string? Url, string? FileName, byte[]? Content, string? ContentType);

/// <summary>A new evidence item, filled, and its file's path (null for a link) to delete with <see cref="EvidenceStore.DeleteQuietly"/> if the caller's save fails.</summary>
public sealed record KeptEvidence<T>(T Item, string? Path)
    where T : EvidenceItem
{
    /// <summary>What a history entry says was added: the title, with the file's name for a file.</summary>
    public string Description => Item.OriginalFileName is null ? Item.Title : $"{Item.Title} ({Item.OriginalFileName})";

    /// <summary>"a link" or "a file", for the audit event.</summary>
    public string LinkOrFile => Path is null ? "a link" : "a file";
}

/// <summary>
/// The one place evidence is checked and kept, for every feature that takes it (follow-up actions, control answers):
/// a title and either an https link or a file whose type its name and first bytes agree on, no larger than
/// Actions:MaxEvidenceBytes. Files are kept outside wwwroot (Actions:EvidenceFolder) under a random name; what the user
/// called the file is kept for display and the download's name only. Field errors are keyed EvidenceTitle,
/// EvidenceUrl and EvidenceFile.
/// </summary>
public sealed class EvidenceStore(IOptions<ActionOptions> options, IHostEnvironment environment)
{
    public long MaxBytes => options.Value.MaxEvidenceBytes;

    public string MaxSizeText => FormatSize(MaxBytes);

    /// <summary>The folder the files are kept in, as a full path.</summary>
    public string Folder => Path.GetFullPath(Path.IsPathRooted(options.Value.EvidenceFolder)
        ? options.Value.EvidenceFolder
        : Path.Combine(environment.ContentRootPath, options.Value.EvidenceFolder));

    /// <summary>
    /// Checks a title and a link or file and, when they pass, fills a new <typeparamref name="T"/> and keeps its file;
    /// otherwise the refusal (Invalid, with the field errors).
    /// </summary>
    public async Task<(KeptEvidence<T>? Kept, CommandResult? Invalid)> AddAsync<T>(string? title, string? url, EvidenceUpload? file, ActionActor actor, DateTime nowUtc, CancellationToken cancellationToken)
        where T : EvidenceItem, new()
    {
        var errors = new List<FieldError>();
        var checkedEvidence = await CheckAsync(title, url, file, errors, cancellationToken);
        if (checkedEvidence is null)
        {
            return (null, CommandResult.Invalid(errors));
        }

        var item = new T();
        return (new KeptEvidence<T>(item, await KeepAsync(item, checkedEvidence, actor, nowUtc, cancellationToken)), null);
    }

    /// <summary>Checks a title and a link or file, adding what is wrong to <paramref name="errors"/>; null when anything is.</summary>
    private async Task<CheckedEvidence?> CheckAsync(string? title, string? url, EvidenceUpload? file, List<FieldError> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var cleanTitle = errors.CheckSingleLine("EvidenceTitle", "Title", title, EvidenceItem.TitleMaxLength, "Enter a title for the evidence");
        var (cleanUrl, content, contentType) = await CheckLinkOrFileAsync(url, file, errors, cancellationToken);
        return errors.Count > before ? null : new CheckedEvidence(cleanTitle!, content is null ? cleanUrl : null, file?.FileName, content, contentType);
    }

    /// <summary>
    /// Fills <paramref name="item"/> from checked evidence and, for a file, writes it under a random name. Returns the
    /// file's path (null for a link), to delete with <see cref="DeleteQuietly"/> if the caller's save fails.
    /// </summary>
    private async Task<string?> KeepAsync(EvidenceItem item, CheckedEvidence evidence, ActionActor actor, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(actor);
        item.Kind = evidence.Content is null ? ActionEvidenceKind.Link : ActionEvidenceKind.File;
        item.Url = evidence.Url;
        item.Title = evidence.Title;
        item.AddedByUserId = actor.UserId;
        item.AddedByName = actor.Name.Length > 200 ? actor.Name[..200] : actor.Name;
        item.AddedByOrganisationId = actor.OrganisationId;
        item.AddedUtc = nowUtc;
        if (evidence.Content is null)
        {
            return null;
        }

        item.StoredFileName = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        item.OriginalFileName = SafeFileName(evidence.FileName);
        item.ContentType = evidence.ContentType;
        item.SizeBytes = evidence.Content.Length;
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, item.StoredFileName);
        await File.WriteAllBytesAsync(path, evidence.Content, cancellationToken);
        return path;
    }

    /// <summary>The stored file to send back, or null when there is none.</summary>
    public EvidenceDownload? Open(string? storedFileName, string? contentType, string? originalFileName)
    {
        if (storedFileName is null)
        {
            return null;
        }

        var path = Path.Combine(Folder, Path.GetFileName(storedFileName));
        return File.Exists(path) ? new EvidenceDownload(File.OpenRead(path), contentType ?? "application/octet-stream", originalFileName ?? "evidence") : null;
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
        if (safe.Length > EvidenceItem.FileNameMaxLength)
        {
            var extension = Path.GetExtension(safe);
            safe = safe[..(EvidenceItem.FileNameMaxLength - extension.Length)] + extension;
        }

        return safe.Length == 0 ? "evidence" : safe;
    }

    public static void DeleteQuietly(string? path)
    {
        if (path is not null && File.Exists(path))
        {
            File.Delete(path);
        }
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
        else if (cleanUrl is not null && !EvidenceItem.IsHttpsUrl(cleanUrl))
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
}
