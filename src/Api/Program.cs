using CityMatrix.Api.Accounts;
using CityMatrix.Api.Alerts;
using CityMatrix.Api.Cases;
using CityMatrix.Api.Dashboards;
using CityMatrix.Api.Demo;
using CityMatrix.Api.Feed;
using CityMatrix.Api.Geo;
using CityMatrix.Api.Infrastructure;
using CityMatrix.Api.Live;
using CityMatrix.Api.Metrics;
using CityMatrix.Api.Open311;
using CityMatrix.Api.Posts;
using CityMatrix.Api.Reports;
using CityMatrix.Api.Routing;
using CityMatrix.Api.Search;
using CityMatrix.Api.Security;
using CityMatrix.Api.Surges;
using CityMatrix.Api.Supervision;
using CityMatrix.Api.Webhooks;
using CityMatrix.Api.Workbench;
using CityMatrix.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCitySilo();
builder.Services.AddCityMatrixApi();
builder.Services.AddCityMatrixAuth();
builder.Services.AddAlertsApi(); // issue 6: regional alerts, SignalR
builder.Services.AddDashboards(); // issue 7: the pages, their maps and case presence
builder.Services.AddWorkbench();
builder.Services.AddDashboardLive(); // issue 5: live dashboards
builder.Services.AddMetricsApi(); // issue 5: rates and rankings

var app = builder.Build();
app.UseMiddleware<AuditMiddleware>(); // outermost: it sees the final status, refusals included
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<BodySizeLimitMiddleware>();
app.UseDashboardAssets();
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
app.MapDashboardHub(); // issue 5: /hubs/dashboard
app.MapMetrics(); // issue 5: rates, tiles, trend, breakdown, CSV
app.MapRankings();
// Outbound: public feed, webhooks, Open311, replay.
app.MapFeed();
app.MapWebhooks();
app.MapOpen311();
app.MapReplay();
// Dashboards (issue 7): pages, public geography, case presence, alert preview, a citizen's own cases.
app.MapDashboards();
app.MapGeo();
app.MapWorkbench();
app.MapAlertPreview();
app.MapMyCases();
// Supervision (issue 5): surges, hotspots, reports.
app.MapSurges();
app.MapReports();
app.MapSupervision(); // issue 5: the 问责 list
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("CityMatrix is up: {Urls}", string.Join(", ", app.Urls)));
app.Run();

public partial class Program;
