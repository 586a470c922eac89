namespace MusicEvents.Core.MusicApi;

/// <summary>What a command does once the day's <see cref="MusicApiOptions.DailyCreditBudget"/> is spent.</summary>
public enum OverBudgetAction
{
    /// <summary>It waits on its queue until the next UTC day.</summary>
    Wait,

    /// <summary>It fails as <c>CreditBudgetExceeded</c>.</summary>
    Fail,
}
