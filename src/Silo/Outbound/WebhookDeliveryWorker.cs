using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Outbound;

/// <summary>
/// Delivers the outbox: fans each new event out to the subscriptions wanting it (one delivery row each),
/// then POSTs due deliveries, retrying failures with capped, jittered exponential back-off. At least once:
/// a delivery is marked delivered only after a 2xx, so a crash mid-attempt means one more attempt (the
/// receiver de-duplicates by the event id). Several processes may run this on one database: a delivery
/// is claimed by moving its due time past "now" in one conditional UPDATE, which only one of them wins.
/// </summary>
public sealed class WebhookDeliveryWorker(
    IDbContextFactory<CityMatrixDbContext> contexts,
    WebhookSender sender,
    OutboxSignal signal,
    SiloReadiness readiness,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Worker) return;
        await readiness.WhenReady.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PumpAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unavailable; everything is still in the tables, try again later.
                logger.LogError(e, "Webhook delivery pass failed; retrying at the next poll");
            }
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(options.Value.PollInterval, time, wake.Token);
            await Task.WhenAny(signal.WaitAsync(wake.Token), delay);
            await wake.CancelAsync();
        }
    }

    /// <summary>One pass: fan out every new event, then attempt every due delivery. Returns the attempts made.</summary>
    public async Task<int> PumpAsync(CancellationToken cancellationToken = default)
    {
        while (await FanOutAsync(cancellationToken) == Batch)
        {
        }
        var attempted = 0;
        while (true)
        {
            var due = await DueAsync(cancellationToken);
            foreach (var delivery in due)
            {
                if (await AttemptAsync(delivery, cancellationToken)) attempted++;
            }
            if (due.Count < Batch) return attempted;
        }
    }

    /// <summary>Creates the deliveries of up to one batch of new events; returns how many events it looked at.</summary>
    public async Task<int> FanOutAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = await db.OutboundEvents.AsNoTracking().Where(e => e.FannedOutAt == null)
            .OrderBy(e => e.At).ThenBy(e => e.Id).Take(Batch)
            .Select(e => new { e.Id, e.Type }).ToListAsync(cancellationToken);
        if (events.Count == 0) return 0;
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.DeletedAt == null).ToListAsync(cancellationToken);
        foreach (var @event in events)
        {
            var now = time.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Marking first makes a second worker's identical UPDATE match nothing (it waits for this row's lock).
            var mine = await db.OutboundEvents.Where(e => e.Id == @event.Id && e.FannedOutAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.FannedOutAt, now), cancellationToken);
            if (mine == 0) continue;
            foreach (var subscription in subscriptions.Where(s => s.Events.Contains(@event.Type)))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    Id = WebhookDelivery.IdOf(subscription.Id, @event.Id),
                    SubscriptionId = subscription.Id,
                    EventId = @event.Id,
                    EventType = @event.Type,
                    Status = DeliveryStatus.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                });
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return events.Count;
    }

    private async Task<List<WebhookDelivery>> DueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Take(Batch)
            .ToListAsync(cancellationToken);
    }

    private async Task<bool> AttemptAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == delivery.Id && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.NextAttemptAt, now + settings.Lease), cancellationToken);
        if (claimed == 0) return false;

        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        if (subscription.DeletedAt is not null)
        {
            await db.WebhookDeliveries.Where(d => d.Id == delivery.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.Cancelled), cancellationToken);
            return false;
        }
        var @event = await db.OutboundEvents.AsNoTracking().FirstAsync(e => e.Id == delivery.EventId, cancellationToken);
        var number = await db.WebhookAttempts.CountAsync(a => a.DeliveryId == delivery.Id, cancellationToken) + 1;

        var result = await sender.SendAsync(subscription, @event, delivery.Attempts + 1, cancellationToken);

        var done = time.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var status = result.Delivered ? DeliveryStatus.Delivered : attempts >= settings.MaxAttempts ? DeliveryStatus.Dead : DeliveryStatus.Pending;
        var next = status == DeliveryStatus.Pending ? done + RetrySchedule.DelayAfter(attempts, settings.BaseDelay, settings.MaxDelay, Random.Shared.NextDouble()) : done;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id, No = number, At = done, StatusCode = result.StatusCode, Error = result.Error, DurationMs = result.DurationMs,
        });
        await db.SaveChangesAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(set => set
            .SetProperty(d => d.Status, status)
            .SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.NextAttemptAt, next)
            .SetProperty(d => d.LastAttemptAt, done)
            .SetProperty(d => d.LastStatusCode, result.StatusCode)
            .SetProperty(d => d.LastError, result.Error)
            .SetProperty(d => d.DeliveredAt, result.Delivered ? done : (DateTimeOffset?)null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (status == DeliveryStatus.Dead)
            logger.LogWarning("Webhook delivery {Delivery} is dead after {Attempts} attempts: {Error}", delivery.Id, attempts, result.Error);
        return true;
    }
}
