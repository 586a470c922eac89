using MusicEvents.Core.Tracking;

namespace MusicEvents.Tests.Tracking;

public sealed class TaskPartitionTests
{
    [Fact]
    public void No_row_key_is_shared_by_two_tasks_partitions()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        // Azurite finds an entity by its RowKey first: a RowKey every partition shares makes each read walk them all.
        Assert.NotEqual(TaskPartition.RecordRow(a), TaskPartition.RecordRow(b));
        Assert.NotEqual(TaskPartition.ReservationRow(a), TaskPartition.ReservationRow(b));
        Assert.NotEqual(TaskPartition.WebhookRow("evt_1"), TaskPartition.WebhookRow("evt_2"));
    }

    [Fact]
    public void The_rows_of_one_partition_are_told_apart_by_their_kind()
    {
        var id = Guid.NewGuid();
        string[] rows = [TaskPartition.RecordRow(id), TaskPartition.ReservationRow(id), TaskPartition.WebhookRow(id.ToString("D"))];

        Assert.Equal(3, rows.Distinct(StringComparer.Ordinal).Count());
        Assert.StartsWith(TaskPartition.WebhookRowPrefix, rows[2], StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(rows[2], TaskPartition.WebhookRowPrefixEnd) < 0, "a kept delivery's key falls inside its prefix's range");
        Assert.Equal(id.ToString("D"), TaskPartition.Key(id));
    }

    [Fact]
    public void A_webhook_id_of_any_text_makes_a_key_without_forbidden_characters()
    {
        var row = TaskPartition.WebhookRow("evt/with\\slashes#and?marks\t");

        Assert.DoesNotContain(row, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.Equal(TaskPartition.WebhookRow("evt/with\\slashes#and?marks\t"), row);
    }
}
