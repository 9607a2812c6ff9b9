using TorchSharp;
var t = torch.ones(2, 3);
Console.WriteLine($"torch ok: {t.sum().item<float>()} threads {torch.get_num_threads()}");
return 0;
