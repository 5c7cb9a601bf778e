namespace RoundtableManager.Core.Common;

/// <summary>How a write ended.</summary>
public enum CommandStatus
{
    /// <summary>The change was saved.</summary>
    Done,

    /// <summary>There was nothing to change (the same values again, or already done). Nothing was saved.</summary>
    Unchanged,

    NotFound,

    /// <summary>The input breaks a rule: <see cref="CommandResult.Errors"/> says which, keyed by field. Nothing was saved.</summary>
    Invalid,

    /// <summary>Someone changed it since the page was shown. Nothing was saved.</summary>
    Conflict,

    /// <summary>Not allowed in its present state (closed for replies, already decided, past the deadline). Nothing was saved.</summary>
    NotAllowed,
}

/// <summary>
/// The one shape every write returns: how it ended and, when it did not succeed, why (field errors keyed as the form
/// names its fields; a problem with the whole request has the empty key). Web turns it into ModelState or the success
/// banner (ResultExtensions in the web project).
/// </summary>
public record CommandResult(CommandStatus Status, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Status is CommandStatus.Done or CommandStatus.Unchanged;

    /// <summary>The first problem's message (for a refusal there is one, about the whole request).</summary>
    public string? Problem => Errors.Count == 0 ? null : Errors[0].Message;

    public static CommandResult Done() => new(CommandStatus.Done, []);

    public static CommandResult<T> Done<T>(T value) => new(CommandStatus.Done, value, []);

    public static CommandResult Unchanged() => new(CommandStatus.Unchanged, []);

    public static CommandResult<T> Unchanged<T>(T value) => new(CommandStatus.Unchanged, value, []);

    public static CommandResult NotFound() => new(CommandStatus.NotFound, []);

    /// <summary>Not found, saying what is missing (for a page that stays where it is rather than showing a 404).</summary>
    public static CommandResult NotFound(string problem) => new(CommandStatus.NotFound, [new FieldError("", problem)]);

    public static CommandResult Invalid(params FieldError[] errors) => new(CommandStatus.Invalid, errors);

    public static CommandResult Invalid(IEnumerable<FieldError> errors) => new(CommandStatus.Invalid, errors.ToList());

    /// <summary>Invalid with one message beside one field.</summary>
    public static CommandResult Invalid(string field, string message) => new(CommandStatus.Invalid, [new FieldError(field, message)]);

    /// <summary>Invalid with one message about the whole request.</summary>
    public static CommandResult Invalid(string problem) => new(CommandStatus.Invalid, [new FieldError("", problem)]);

    public static CommandResult Conflict(string problem) => new(CommandStatus.Conflict, [new FieldError("", problem)]);

    public static CommandResult NotAllowed(string problem) => new(CommandStatus.NotAllowed, [new FieldError("", problem)]);

    /// <summary>This failure as the result of a write that returns a value on success.</summary>
    public CommandResult<T> As<T>() => Succeeded
        ? throw new InvalidOperationException("A successful result carries its value: use CommandResult.Done(value).")
        : new(Status, default!, Errors);
}

/// <summary>A write's result that carries a value on success (the new id, what was counted).</summary>
public sealed record CommandResult<T>(CommandStatus Status, T Value, IReadOnlyList<FieldError> Errors) : CommandResult(Status, Errors);
