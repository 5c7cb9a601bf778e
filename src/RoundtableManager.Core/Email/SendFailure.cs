using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace RoundtableManager.Core.Email;

/// <summary>Why sending a message failed, and whether another try could succeed.</summary>
internal sealed record SendFailure(bool Permanent, string Error)
{
    /// <summary>5xx replies are permanent; everything the network or a 4xx reply can cause is worth another try.</summary>
    public static SendFailure? Classify(Exception exception) => exception switch
    {
        SmtpCommandException command => new SendFailure((int)command.StatusCode >= 500, $"{(int)command.StatusCode} {command.Message}"),
        SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException
            or SslHandshakeException or SocketException or IOException or TimeoutException or OperationCanceledException
            => new SendFailure(false, exception.Message),
        _ => new SendFailure(false, exception.GetType().Name + ": " + exception.Message),
    };
}
