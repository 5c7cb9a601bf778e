namespace RoundtableManager.Web.Engagement.Messages;

/// <summary>The compose form: who (one or more groups), subject and message, kept as typed.</summary>
public sealed class MessageForm
{
    [BindNever]
    public int? Id { get; set; }

    /// <summary>The groups ticked, by name (MessageGroups values).</summary>
    public List<string> Groups { get; set; } = [];

    public string? Subject { get; set; }

    public string? Body { get; set; }

    public MessageGroups ChosenGroups() =>
        Groups.Select(g => Enum.TryParse<MessageGroups>(g, out var group) && RoundtableMessages.AllGroups.Contains(group) ? group : MessageGroups.None)
            .Aggregate(MessageGroups.None, (a, g) => a | g);

    public MessageInput ToInput() => new(Subject, Body, ChosenGroups());

    public static MessageForm From(MessageView message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new()
        {
            Id = message.Id,
            Groups = RoundtableMessages.AllGroups.Where(g => message.Groups.HasFlag(g)).Select(g => g.ToString()).ToList(),
            Subject = message.Subject,
            Body = message.Body,
        };
    }
}

/// <summary>What the compose page needs besides the form: the roundtable and how many people are in each group now.</summary>
public sealed record ComposePage(int RoundtableId, string RoundtableTitle, IReadOnlyDictionary<MessageGroups, int> Sizes)
{
    public IEnumerable<CheckboxItem> Options(MessageForm form) => RoundtableMessages.AllGroups.Select(g => new CheckboxItem(
        g.ToString(), Capitalise(RoundtableMessages.Name(g)), Core.Common.Plural.Count(Sizes.GetValueOrDefault(g), "person", "people") + " now",
        form?.Groups.Contains(g.ToString()) == true));

    public static string Capitalise(string text) => string.IsNullOrEmpty(text) ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

/// <summary>The check page (a draft, exactly who gets it) or a sent message's page (who got it).</summary>
public sealed record MessagePage(MessageView Message, IReadOnlyList<MessageRecipientView> Recipients, string? Fingerprint);
