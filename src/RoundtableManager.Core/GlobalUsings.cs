// Namespaces most files of this project import; written by scripts/global-usings.cs (run it again after adding files).
global using System.Globalization;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
global using Microsoft.Extensions.Options;
global using RoundtableManager.Core.Actions;
global using RoundtableManager.Core.Agenda;
global using RoundtableManager.Core.Audit;
global using RoundtableManager.Core.Common;
global using RoundtableManager.Core.Common.Tables;
global using RoundtableManager.Core.Data;
global using RoundtableManager.Core.Email;
global using RoundtableManager.Core.Engagement;
global using RoundtableManager.Core.Identity;
global using RoundtableManager.Core.Invitations;
global using RoundtableManager.Core.Reminders;
global using RoundtableManager.Core.Roundtables;
global using RoundtableManager.Core.Suppliers;
