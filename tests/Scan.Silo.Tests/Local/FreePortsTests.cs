namespace Scan.Silo.Tests.Local;

public class FreePortsTests
{
    [Fact]
    public void Next_ManyCalls_NeverTheSamePortTwice()
    {
        var ports = Enumerable.Range(0, 300).Select(_ => FreePorts.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port => Assert.InRange(port, 1, 65535));
    }
}
