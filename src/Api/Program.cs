using CityMatrix.Api.Accounts;
using CityMatrix.Api.Alerts;
using CityMatrix.Api.Cases;
using CityMatrix.Api.Demo;
using CityMatrix.Api.Feed;
using CityMatrix.Api.Infrastructure;
using CityMatrix.Api.Open311;
using CityMatrix.Api.Posts;
using CityMatrix.Api.Routing;
using CityMatrix.Api.Search;
using CityMatrix.Api.Security;
using CityMatrix.Api.Supervision;
using CityMatrix.Api.Webhooks;
using CityMatrix.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCitySilo();
builder.Services.AddCityMatrixApi();
builder.Services.AddCityMatrixAuth();
builder.Services.AddAlertsApi(); // issue 6: regional alerts, SignalR

var app = builder.Build();
app.UseMiddleware<AuditMiddleware>(); // outermost: it sees the final status, refusals included
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<BodySizeLimitMiddleware>();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapHealth();
app.MapAuth();
app.MapAccounts();
app.MapCases();
app.MapPosts();
app.MapInbox();
app.MapRouting();
app.MapAudit();
app.MapAlerts(); // issue 6: /api/alerts and the hub /hubs/alerts
app.MapSearch();
// Outbound: public feed, webhooks, Open311, replay.
app.MapFeed();
app.MapWebhooks();
app.MapOpen311();
app.MapReplay();
app.MapSupervision(); // issue 5: the 问责 list
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("CityMatrix is up: {Urls}", string.Join(", ", app.Urls)));
app.Run();

public partial class Program;
