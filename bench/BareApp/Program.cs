// The smallest ASP.NET Core app with one endpoint: the floor that the cold-start benchmark compares the real app with.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/health", () => "Healthy");
app.Run();
