namespace RoundtableManager.Core.Common;

/// <summary>The id of what was saved, or the field errors that stopped it (then nothing was saved).</summary>
public sealed record SaveResult(int Id, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static SaveResult Failed(params FieldError[] errors) => new(0, errors);

    public static SaveResult Failed(IEnumerable<FieldError> errors) => new(0, errors.ToList());
}
