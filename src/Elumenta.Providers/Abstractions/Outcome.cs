namespace Elumenta.Providers;

/// <summary>The answer of a non-chat capability: a result now, or a provider job to follow.</summary>
public abstract record ProviderOutcome
{
    private ProviderOutcome()
    {
    }

    public sealed record Done(MediaResult Result) : ProviderOutcome;

    /// <summary>A provider job was created (and is billed upstream); hand it to the job poller.</summary>
    public sealed record Pending(string ProviderJobId) : ProviderOutcome;
}

public enum JobPhase { Queued, Running, Succeeded, Failed, Canceled }

/// <summary>One look at a provider job.</summary>
/// <param name="NextJobId">A follow-up job that now carries the work (a chained step); the poller follows it from here on.</param>
public sealed record JobSnapshot(
    JobPhase Phase,
    string? ProviderState,
    int? Progress = null,
    MediaResult? Result = null,
    ProviderException? Error = null,
    string? NextJobId = null)
{
    public bool IsTerminal => Phase is JobPhase.Succeeded or JobPhase.Failed or JobPhase.Canceled;
}
