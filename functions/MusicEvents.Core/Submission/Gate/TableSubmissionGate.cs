using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Telemetry;

namespace MusicEvents.Core.Submission.Gate;

/// <summary>
/// The gate in Azure Table Storage: one partition per MusicAPI URL (a hash of it, so instances
/// calling the same MusicAPI share a gate; not of the key, so a key rotated leaves the tasks in flight
/// and the finished list where the timer reads them), with these rows (<see cref="GateRows"/>): a place per
/// task holding one ("place-&lt;correlation id&gt;": its slot, budget day and since when) and a row per
/// slot ("slot-007": who took it last), a "pause" row (Retry-After), a row of credits per UTC day, and
/// a row per finished task ("~finished-&lt;time&gt;-&lt;correlation id&gt;") for retention. A place is taken with
/// its slot (and the day's credits) in one transaction, the slot row written against the ETag read,
/// so two instances never take the same slot; a slot is free when no place names it. A place is given
/// back by deleting its row, which its holder can name without reading anything, in the transaction
/// that lists the task as finished. Chosen over a per-process concurrency limit, which cannot hold
/// across instances, and over a bare counter, which a crash between a task's last write and its
/// decrement would leak for ever: a place names its holder, so the timer finds a leaked one and frees
/// it once its task is no longer open.
/// </summary>
public sealed class TableSubmissionGate(TableServiceClient tables, IOptions<MusicApiOptions> options) : ISubmissionGate
{
    public const string TableName = "MusicApiGate";

    // Instances racing for the same row: each lost race is read again at once, a few times.
    private const int Attempts = 8;

    private readonly string partition = PartitionOf(options.Value);

    // The releases of many tasks share transactions (this instance's: each has its own queue).
    private readonly CoalescedTransactions releases = new(tables.GetTableClient(TableName));

    private TableClient Table => tables.GetTableClient(TableName);

    public async Task<GateDecision> TryEnterAsync(Guid correlationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        GateDecision decision = new GateDecision.Entered();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var rows = await ReadAsync(GateRules.Day(now), cancellationToken);
            decision = GateRules.Decide(Snapshot(rows), correlationId, now, options.Value, out var entry);
            if (entry is null)
            {
                // Its own place again (a redelivery, a retry): written again, so that the timer, which
                // frees old places of tasks not claimed, cannot free it under the claim about to follow.
                if (decision is GateDecision.Entered && rows.TryGetValue(GateRows.Place(correlationId), out var held)
                    && !await TrySubmitAsync([new(TableTransactionActionType.UpdateMerge, Row(held.RowKey, new() { ["Since"] = now }), held.ETag)], cancellationToken))
                {
                    continue;
                }

                return decision;
            }

            // The slot, the place and the day's credits together: a race lost on any of them takes none.
            List<TableTransactionAction> actions =
            [
                Write(rows, GateRows.Slot(entry.SlotIndex), new() { ["Holder"] = correlationId.ToString("D") }),
                new(TableTransactionActionType.Add, Row(GateRows.Place(correlationId), new() { ["Slot"] = entry.SlotIndex, ["Day"] = entry.Day ?? "", ["Since"] = now })),
            ];
            if (entry.Day is { } day)
            {
                actions.Add(Write(rows, GateRows.Credits(day), new() { ["Credits"] = Spent(rows, day) + MusicEventsMetrics.CreditsPerTask }));
            }

            if (await TrySubmitAsync(actions, cancellationToken))
            {
                return decision;
            }
        }

        // Lost every race: the others are taking the free places; ask again shortly.
        return decision is GateDecision.Entered
            ? new GateDecision.Waits(new(Tracking.TrackWaitReason.MaxInFlight, "Other instances are taking the free places.", now))
            : decision;
    }

    public Task LeaveAsync(Guid correlationId, bool charged, CancellationToken cancellationToken) =>
        ReleaseAsync(correlationId, charged, null, cancellationToken);

    public async Task PauseAsync(DateTimeOffset until, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(Row(GateRows.Pause, new() { ["PausedUntil"] = until }), TableUpdateMode.Replace, cancellationToken);

    public async Task FinishAsync(Guid correlationId, DateTimeOffset finishedAt, bool charged, CancellationToken cancellationToken)
    {
        if (!charged && options.Value.DailyCreditBudget is not null)
        {
            // Its credits go back to the day of its place: read, then written against the versions read.
            await ReleaseAsync(correlationId, charged, finishedAt, cancellationToken);
            return;
        }

        // The place is deleted by its key, whatever its version: only its holder's place has that key.
        var place = new TableTransactionAction(TableTransactionActionType.Delete, Row(GateRows.Place(correlationId), new()), ETag.All);
        if (!await releases.SubmitAsync([place, Finished(correlationId, finishedAt)]))
        {
            // No place to give back (the timer freed it, or it was never taken): listed alone.
            await releases.SubmitAsync([Finished(correlationId, finishedAt)]);
        }
    }

    public async Task RecordFinishedAsync(Guid correlationId, DateTimeOffset finishedAt, CancellationToken cancellationToken) =>
        await releases.SubmitAsync([Finished(correlationId, finishedAt)]);

    public async IAsyncEnumerable<GatePlace> ListPlacesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {GateRows.PlacePrefix} and RowKey lt {GateRows.After(GateRows.PlacePrefix)}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new GatePlace(
                Guid.Parse(row.RowKey.AsSpan(GateRows.PlacePrefix.Length)),
                row.GetInt32("Slot") ?? -1,
                row.GetDateTimeOffset("Since") ?? DateTimeOffset.MinValue,
                row.ETag.ToString());
        }
    }

    public async Task<bool> FreeAsync(GatePlace place, DateTimeOffset? finishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(place);
        List<TableTransactionAction> actions = [new(TableTransactionActionType.Delete, Row(GateRows.Place(place.Holder), new()), new ETag(place.ETag))];
        if (finishedAt is { } at)
        {
            actions.Add(Finished(place.Holder, at));
        }

        return await TrySubmitAsync(actions, cancellationToken);
    }

    public async IAsyncEnumerable<FinishedTask> ListFinishedAsync(DateTimeOffset finishedBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {GateRows.FinishedPrefix} and RowKey lt {GateRows.FinishedBefore(finishedBefore)}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (GateRows.ReadFinished(row.RowKey) is { } finished)
            {
                yield return finished;
            }
        }
    }

    public async Task ForgetFinishedAsync(IReadOnlyCollection<FinishedTask> finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finished);

        // Each its own write, so that one gone already (another run's) does not hold the others back.
        await Task.WhenAll(finished.Select(f => releases.SubmitAsync(
            [new(TableTransactionActionType.Delete, Row(GateRows.Finished(f.CorrelationId, f.FinishedAt), new()), ETag.All)])));
    }

    /// <summary>
    /// Gives back the holder's place read by key, with its credits when the call was not charged and
    /// the finished row when <paramref name="finishedAt"/> is given, in one transaction.
    /// </summary>
    private async Task ReleaseAsync(Guid correlationId, bool charged, DateTimeOffset? finishedAt, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var place = await Table.GetEntityIfExistsAsync<TableEntity>(partition, GateRows.Place(correlationId), cancellationToken: cancellationToken);
            if (!place.HasValue)
            {
                break;
            }

            List<TableTransactionAction> actions = [new(TableTransactionActionType.Delete, place.Value!, place.Value!.ETag)];
            if (finishedAt is { } at)
            {
                actions.Add(Finished(correlationId, at));
            }

            if (!charged && place.Value.GetString("Day") is { Length: > 0 } day
                && (await Table.GetEntityIfExistsAsync<TableEntity>(partition, GateRows.Credits(day), cancellationToken: cancellationToken)) is { HasValue: true } credits)
            {
                // A call MusicAPI did not charge gives its credits back to its day.
                var spent = credits.Value!.GetInt32("Credits") ?? 0;
                actions.Add(new(
                    TableTransactionActionType.UpdateReplace,
                    Row(GateRows.Credits(day), new() { ["Credits"] = Math.Max(0, spent - MusicEventsMetrics.CreditsPerTask) }),
                    credits.Value.ETag));
            }

            if (await TrySubmitAsync(actions, cancellationToken))
            {
                return;
            }
        }

        // No place (given back or freed meanwhile), or every race lost (the timer frees it then).
        if (finishedAt is { } finished)
        {
            await releases.SubmitAsync([Finished(correlationId, finished)]);
        }
    }

    /// <summary>The rows a decision needs: the day's credits, the pause, the places and the slots; never a finished row.</summary>
    private async Task<Dictionary<string, TableEntity>> ReadAsync(string day, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {GateRows.Credits(day)} and RowKey lt {GateRows.FinishedPrefix}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows[row.RowKey] = row;
        }

        return rows;
    }

    private static GateSnapshot Snapshot(Dictionary<string, TableEntity> rows)
    {
        var held = rows.Values
            .Where(r => r.RowKey.StartsWith(GateRows.PlacePrefix, StringComparison.Ordinal))
            .Select(r => new GateSlot(
                r.GetInt32("Slot") ?? -1,
                Guid.Parse(r.RowKey.AsSpan(GateRows.PlacePrefix.Length)),
                r.GetString("Day") is { Length: > 0 } day ? day : null))
            .ToList();
        var taken = held.Select(s => s.Index).ToHashSet();
        var free = rows.Values
            .Where(r => r.RowKey.StartsWith(GateRows.SlotPrefix, StringComparison.Ordinal))
            .Select(r => GateRows.SlotIndex(r.RowKey))
            .Where(i => !taken.Contains(i))
            .Select(i => new GateSlot(i, null, null));
        var credits = rows.Values
            .Where(r => r.RowKey.StartsWith(GateRows.CreditsPrefix, StringComparison.Ordinal))
            .ToDictionary(r => r.RowKey[GateRows.CreditsPrefix.Length..], r => r.GetInt32("Credits") ?? 0, StringComparer.Ordinal);
        return new GateSnapshot([.. held, .. free], rows.GetValueOrDefault(GateRows.Pause)?.GetDateTimeOffset("PausedUntil"), credits);
    }

    private static int Spent(Dictionary<string, TableEntity> rows, string day) =>
        rows.GetValueOrDefault(GateRows.Credits(day))?.GetInt32("Credits") ?? 0;

    /// <summary>Inserts the row, or replaces it at the version read (the transaction fails if someone changed it since).</summary>
    private TableTransactionAction Write(Dictionary<string, TableEntity> rows, string rowKey, Dictionary<string, object> values) =>
        rows.TryGetValue(rowKey, out var read)
            ? new(TableTransactionActionType.UpdateReplace, Row(rowKey, values), read.ETag)
            : new(TableTransactionActionType.Add, Row(rowKey, values));

    /// <summary>The finished row, written over any copy of itself (the timer and the committer may both write it).</summary>
    private TableTransactionAction Finished(Guid correlationId, DateTimeOffset finishedAt) =>
        new(TableTransactionActionType.UpsertReplace, Row(GateRows.Finished(correlationId, finishedAt), new()));

    private TableEntity Row(string rowKey, Dictionary<string, object> values) =>
        new(values) { PartitionKey = partition, RowKey = rowKey };

    /// <returns>False when a row was changed (or taken, or removed) since it was read: read again and decide again.</returns>
    private async Task<bool> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Where the calls go, hashed (a key for a table row whatever the URL's characters). Not the key
    /// they go with: a partition of the key's would move when the key is rotated, and the tasks in
    /// flight then (their places) and those finished before (their rows) would be left where no
    /// instance reads them again. Two keys on one URL and one storage account share one limit, which
    /// is the stricter side.
    /// </summary>
    private static string PartitionOf(MusicApiOptions options) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(options.BaseUrl.TrimEnd('/'))))[..32];
}
