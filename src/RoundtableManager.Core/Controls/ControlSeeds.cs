namespace RoundtableManager.Core.Controls;

/// <summary>
/// The read-only sets every installation starts with: the five Cyber Essentials technical controls and the fourteen
/// principles of the NCSC Cyber Assessment Framework, each principle under its objective (the agenda references CAF A
/// to D, ids 1 to 4). Guidance is a short summary of the published text.
/// </summary>
internal static class ControlSeeds
{
    private static readonly DateTime Seeded = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private const string CeSource = "NCSC Cyber Essentials: requirements for IT infrastructure";
    private const string CafSource = "NCSC Cyber Assessment Framework";

    public static readonly ControlSet[] Sets =
    [
        new() { Id = ControlSet.CyberEssentialsId, Name = "Cyber Essentials", NormalisedName = "CYBER ESSENTIALS", Source = CeSource, ReadOnly = true, CreatedUtc = Seeded, CreatedByName = "Roundtable Manager",
            Description = "The five technical controls of the government-backed Cyber Essentials scheme." },
        new() { Id = ControlSet.CafId, Name = "NCSC Cyber Assessment Framework", NormalisedName = "NCSC CYBER ASSESSMENT FRAMEWORK", Source = CafSource, ReadOnly = true, CreatedUtc = Seeded, CreatedByName = "Roundtable Manager",
            Description = "The fourteen principles of the NCSC Cyber Assessment Framework (CAF), under its four objectives." },
    ];

    public static readonly Control[] Controls =
    [
        Ce(1, "CE1", "Firewalls", "Every device that can reach the internet is protected by a correctly configured firewall (or a device doing the same job): default administrative passwords changed, and inbound rules that are not needed removed."),
        Ce(2, "CE2", "Secure configuration", "Computers and network devices are set up to reduce weaknesses: unnecessary accounts and software removed, default passwords changed, auto-run off, and devices locked when not in use."),
        Ce(3, "CE3", "Security update management", "Software is licensed, supported and kept up to date: critical and high-risk security updates applied within 14 days of release, and unsupported software removed."),
        Ce(4, "CE4", "User access control", "Accounts only for those who need them, with only the access they need; administrative accounts used only for administration; multi-factor authentication on cloud services."),
        Ce(5, "CE5", "Malware protection", "Anti-malware software, or allowing only approved applications to run, stops malicious software from running."),
        Caf(6, "A1", "Governance", 1, "Policies, processes and procedures govern the organisation's approach to the security of its network and information systems."),
        Caf(7, "A2", "Risk management", 1, "The organisation identifies, assesses and understands the security risks to the network and information systems supporting its essential functions."),
        Caf(8, "A3", "Asset management", 1, "Everything needed to deliver, maintain or support the network and information systems behind essential functions is identified and understood."),
        Caf(9, "A4", "Supply chain", 1, "The organisation understands and manages the security risks that arise from its dependence on external suppliers."),
        Caf(10, "B1", "Service protection policies and processes", 2, "Policies and processes that direct the approach to securing systems and data are defined, put in place, communicated and enforced."),
        Caf(11, "B2", "Identity and access control", 2, "Access to the network and information systems supporting essential functions is understood, documented and managed."),
        Caf(12, "B3", "Data security", 2, "Data stored or sent electronically is protected from unauthorised access, change or deletion that could harm essential functions."),
        Caf(13, "B4", "System security", 2, "Network and information systems and technology critical to essential functions are protected from cyber attack."),
        Caf(14, "B5", "Resilient networks and systems", 2, "Resilience against cyber attack and system failure is built into how systems are designed, put in place, run and managed."),
        Caf(15, "B6", "Staff awareness and training", 2, "Staff have the awareness, knowledge and skills to carry out their roles securely."),
        Caf(16, "C1", "Security monitoring", 3, "The security of the networks and systems behind essential functions is monitored, to detect problems and to track how well protective measures work."),
        Caf(17, "C2", "Proactive security event discovery", 3, "Malicious activity is found even when it evades standard signature-based prevention and detection."),
        Caf(18, "D1", "Response and recovery planning", 4, "Well-defined and tested incident management processes aim to keep essential functions going if systems or services fail."),
        Caf(19, "D2", "Lessons learned", 4, "After an incident, its root causes are understood and action is taken to protect against it happening again."),
    ];

    private static Control Ce(int id, string code, string title, string guidance) =>
        new() { Id = id, ControlSetId = ControlSet.CyberEssentialsId, Code = code, Title = title, Guidance = guidance, Source = CeSource, Position = id, CreatedUtc = Seeded };

    private static Control Caf(int id, string code, string title, int objective, string guidance) =>
        new() { Id = id, ControlSetId = ControlSet.CafId, Code = code, Title = title, Guidance = guidance, Source = CafSource, ReferenceId = objective, Position = id - 5, CreatedUtc = Seeded };
}
