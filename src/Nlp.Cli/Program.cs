Console.WriteLine("cm-nlp");
