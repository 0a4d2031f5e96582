using Scan.Core.Metrics;

namespace Scan.Core.Tests.Metrics;

public class DropRankingTests
{
    // Drops of methods A, B, C on four images. Lowest: image 0 A alone, image 1 C alone, image 2 all three, image 3 A and C.
    private static readonly long[][] Drops = [[1, 5, 2, 0], [3, 5, 2, 7], [2, 1, 2, 0]];

    [Fact]
    public void Tally_HandWorkedDrops_GivesPairwiseWins()
    {
        var rankings = DropRanking.Tally(Drops);

        // A vs B: beats on images 0 and 3, ties on 1 and 2 → (2 + 2/2)/4 = 75%. A vs C: beats on 0, ties on 2 and 3 → 50%.
        Assert.Equal(75.0, rankings[0].WinAgainst(1), 9);
        Assert.Equal(50.0, rankings[0].WinAgainst(2), 9);
        // B vs A: never smaller, ties on 1 and 2 → 25%. A method against itself: all ties → 50%.
        Assert.Equal(25.0, rankings[1].WinAgainst(0), 9);
        Assert.Equal(50.0, rankings[2].WinAgainst(2), 9);
    }

    [Fact]
    public void Tally_HandWorkedDrops_SharesTheLowestDrop()
    {
        var rankings = DropRanking.Tally(Drops);

        // A: 1 + 1/3 + 1/2 = 11/6 of 4 images; B: 1/3; C: 1 + 1/3 + 1/2. Shares sum to 100%.
        Assert.Equal(new long[] { 1, 1, 1 }, rankings[0].LowestShared);
        Assert.Equal(new long[] { 0, 0, 1 }, rankings[1].LowestShared);
        Assert.Equal(1100.0 / 24, rankings[0].WinLowestDrop, 9);
        Assert.Equal(100.0 / 12, rankings[1].WinLowestDrop, 9);
        Assert.Equal(100.0, rankings.Sum(r => r.WinLowestDrop), 9);
    }

    [Fact]
    public void Add_TwoHalvesOfTheImages_EqualsTheWholeTally()
    {
        var whole = DropRanking.Tally(Drops);
        var first = DropRanking.Tally(Drops.Select(d => d[..2]).ToArray());
        var second = DropRanking.Tally(Drops.Select(d => d[2..]).ToArray());

        for (var m = 0; m < 3; m++)
        {
            var added = first[m].Add(second[m]);
            Assert.Equal(whole[m].Images, added.Images);
            Assert.Equal(whole[m].Beats, added.Beats);
            Assert.Equal(whole[m].Ties, added.Ties);
            Assert.Equal(whole[m].LowestShared, added.LowestShared);
        }
    }
}
