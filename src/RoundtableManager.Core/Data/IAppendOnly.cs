namespace RoundtableManager.Core.Data;

/// <summary>Rows that are only ever added: <see cref="Audit.AppendOnlyAuditInterceptor"/> refuses to save a change to or removal of one.</summary>
public interface IAppendOnly;
