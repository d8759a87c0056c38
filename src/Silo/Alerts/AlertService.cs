using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Alerts.Cap;
using CityMatrix.Silo.Alerts.Delivery;
using CityMatrix.Silo.Alerts.FanOut;
using CityMatrix.Silo.Alerts.Storage;
using CityMatrix.Silo.Alerts.Targeting;
using CityMatrix.Silo.Geo;
using CityMatrix.Silo.Seed;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Alerts;

/// <summary>
/// Accepts an alert: who may send it (broadcaster, own account, own jurisdiction), whether it is valid
/// CAP 1.2 with references that resolve, then stores it with its audit entry and hands it to delivery —
/// here directly, on the other servers through the fan-out. Refused attempts by signed-in users are
/// audited too.
/// </summary>
public sealed class AlertService(
    AlertStore store,
    AlertSenderAuthorization authorization,
    AlertDispatcher dispatcher,
    RegionDirectory regions,
    RegionGeometry geometry,
    AlertNode node,
    TimeProvider time,
    ILogger<AlertService> logger)
{
    /// <summary>How long an alert without expires stays in force for clients that arrive later.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);

    public async Task<AlertRecord> SubmitAsync(AlertSubmission submission, CancellationToken cancellationToken = default)
    {
        var alert = submission.Alert;
        var account = await Audited(submission, () => authorization.SendingAccount(submission.User, submission.AccountId), cancellationToken);

        ChineseWarningLevels.Normalise(alert);
        var faults = CapValidator.Validate(alert);
        if (submission.ReadFaults is { } read) faults.AddAll(read);
        AlertFootprint.Build(alert, regions, geometry, faults);
        var replaced = await ResolveReferencesAsync(alert, faults, cancellationToken);
        if (!faults.IsEmpty) throw new AlertFaultsException(faults);

        await Audited(submission, () =>
        {
            authorization.CheckJurisdiction(account, alert);
            var foreign = replaced.FirstOrDefault(r => r.AccountId != account.Id);
            if (foreign is not null)
                throw new AlertRuleException(DomainError.Forbidden, $"Alert {foreign.Identifier} was sent for {foreign.AccountId}; only that account may update or cancel it.", "references");
            return account;
        }, cancellationToken);

        var now = time.GetUtcNow();
        CapTime.TryParse(alert.Sent, out var sent);
        var expiries = alert.Info.Select(i => CapTime.TryParse(i.Expires, out var e) ? e : (DateTimeOffset?)null).ToList();
        var record = new AlertRecord
        {
            Identifier = alert.Identifier!, Sender = alert.Sender!, Sent = sent, Status = alert.Status!, MsgType = alert.MsgType!,
            Scope = alert.Scope!, AccountId = account.Id, ReceivedAt = now,
            Expires = expiries.Count > 0 && expiries.All(e => e.HasValue) ? expiries.Max()!.Value : Later(sent, now) + DefaultLifetime,
            Xml = CapXmlWriter.Write(alert),
        };
        var audit = AuditEntry(submission, account.Id, "Accepted", null);
        var stored = await store.AddAsync(record, replaced.Select(r => r.Identifier).ToList(), audit,
            new AlertSignal(AlertSignalKind.Sent, record.Identifier, node.Id), cancellationToken);
        if (!stored) throw new AlertRuleException(DomainError.Conflict, $"An alert with identifier {record.Identifier} already exists.", "identifier");

        // Delivery runs on its own: the sender gets 201 as soon as the alert is stored, not after 20,000 sends.
        _ = Task.Run(async () =>
        {
            try { await dispatcher.HandleAsync(record); }
            catch (Exception e) { logger.LogError(e, "Delivering alert {Identifier} failed", record.Identifier); }
        }, CancellationToken.None);
        return record;
    }

    private async Task<List<AlertRecord>> ResolveReferencesAsync(CapAlert alert, CapFaults faults, CancellationToken cancellationToken)
    {
        var resolved = new List<AlertRecord>();
        if (alert.MsgType is not ("Update" or "Cancel") || faults.Has("references")) return resolved;
        var references = CapReference.Parse(alert.References);
        for (var i = 0; i < references.Count; i++)
        {
            var reference = references[i];
            var found = await store.FindAsync(reference.Identifier, cancellationToken);
            if (found is null || found.Sender != reference.Sender)
            {
                faults.Add($"references[{i}]", $"No alert {reference.Identifier} from {reference.Sender} is known here.");
                continue;
            }
            if (!CapTime.TryParse(reference.Sent, out var sent) || sent != found.Sent)
            {
                faults.Add($"references[{i}]", $"Alert {reference.Identifier} was sent at {CapTime.Format(found.Sent.ToOffset(sent.Offset))}, not {reference.Sent}.");
                continue;
            }
            resolved.Add(found);
        }
        return resolved;
    }

    private async Task<T> Audited<T>(AlertSubmission submission, Func<T> check, CancellationToken cancellationToken)
    {
        try
        {
            return check();
        }
        catch (AlertRuleException e) when (e.Error == DomainError.Forbidden)
        {
            await store.AuditAsync(AuditEntry(submission, submission.AccountId, "Forbidden", e.Message), cancellationToken);
            throw;
        }
    }

    private AlertAuditEntry AuditEntry(AlertSubmission submission, string? accountId, string outcome, string? detail) => new()
    {
        At = time.GetUtcNow(),
        UserId = AlertSenderAuthorization.UserIdOf(submission.User) ?? "anonymous",
        AccountId = accountId,
        Identifier = submission.Alert.Identifier,
        MsgType = submission.Alert.MsgType,
        RemoteIp = submission.RemoteIp,
        Outcome = outcome,
        Detail = detail,
    };

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
