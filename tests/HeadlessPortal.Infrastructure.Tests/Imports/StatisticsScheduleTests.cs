using HeadlessPortal.Infrastructure.Imports;

namespace HeadlessPortal.Infrastructure.Tests.Imports;

public sealed class StatisticsScheduleTests
{
    [Fact]
    public void IsDue_EachTimeTheCommittedLinesDouble_FromTwoBatchesOn()
    {
        var schedule = new ImportWorker.StatisticsSchedule(batchSize: 5_000);

        var due = Enumerable.Range(1, 100).Select(batch => batch * 5_000L).Where(schedule.IsDue).ToList();

        Assert.Equal([10_000L, 20_000L, 40_000L, 80_000L, 160_000L, 320_000L], due);
    }

    [Fact]
    public void IsDue_AfterABatchThatCrossesSeveralDoublings_IsDueOnceAndThenAtTheNextDoubling()
    {
        var schedule = new ImportWorker.StatisticsSchedule(batchSize: 10);

        Assert.False(schedule.IsDue(19));
        Assert.True(schedule.IsDue(95));
        Assert.False(schedule.IsDue(159));
        Assert.True(schedule.IsDue(160));
    }
}
