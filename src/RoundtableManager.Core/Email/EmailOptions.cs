namespace RoundtableManager.Core.Email;

public enum EmailTransport
{
    /// <summary>Write each message as an .eml file to <see cref="EmailOptions.PickupFolder"/> (the Development default).</summary>
    Pickup,

    /// <summary>Deliver over SMTP with MailKit.</summary>
    Smtp,
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public EmailTransport Transport { get; set; } = EmailTransport.Pickup;

    public string FromAddress { get; set; } = "roundtables@example.gov.uk";

    public string FromName { get; set; } = "Roundtable Manager";

    /// <summary>The address people use to reach the app; links in emails start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Folder for .eml files with the Pickup transport, relative to the web project's content root.</summary>
    public string PickupFolder { get; set; } = "App_Data/mail";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Messages sent over one SMTP connection before it is closed and the next batch begins.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// SMTP connections one instance sends a large queue over at once (a run with a full batch asks for another beside
    /// it, up to this many); email queued while they go is taken by the runs going on, not by a run of its own. One by
    /// default: each connection holds a batch a crash leaves to be sent again, and with two the rows a killed instance held
    /// doubled and took longer than the 30 s promised to go again on a loaded machine (bench/HISTORY.md, session 9).
    /// </summary>
    public int MaxConnections { get; set; } = 1;

    /// <summary>Attempts before a message that keeps failing transiently is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>
    /// Production refuses <see cref="SmtpSecurity.None"/> unless this says, on purpose, that the relay is reached over a
    /// link the department trusts (the same host, or a segment it has accepted) and so needs no TLS.
    /// </summary>
    public bool AllowUnencryptedOnTrustedLink { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}
