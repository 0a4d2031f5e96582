using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Scan.Grains.Jobs;

/// <summary>Grain-state writes that survive a store that lost its data (Redis restarted empty) without hiding a real conflict.</summary>
public static class RecordWrites
{
    /// <summary>
    /// Writes the state. When the write fails on a stale ETag because the stored record is gone, writes this grain's
    /// state anew; when another writer changed the record, the conflict is thrown as it came.
    /// </summary>
    public static async Task WriteOrRestoreAsync<T>(this IPersistentState<T> state, ILogger logger, string what)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException conflict)
        {
            var mine = state.State;
            await state.ReadStateAsync();
            if (state.RecordExists)
            {
                state.State = mine;
                throw new InconsistentStateException($"{what} was changed by another writer", conflict);
            }
            logger.LogWarning("The stored {What} is gone (the store lost its data); writing it again", what);
            state.State = mine;
            await state.WriteStateAsync();
        }
    }
}
