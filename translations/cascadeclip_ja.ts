<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>cascadeclip::ui::AnnotationDocument</name>
    <message>
        <source>%1: PNG encoding failed</source>
        <translation>%1: PNG のエンコードに失敗しました</translation>
    </message>
    <message>
        <source>%1: expected a %2x%3 16-bit single-channel PNG</source>
        <translation>%1: %2x%3 の 16 ビット単一チャンネル PNG が必要です</translation>
    </message>
    <message>
        <source>not a decodable image (%1 bytes)</source>
        <translation>デコードできない画像です（%1 バイト）</translation>
    </message>
    <message>
        <source>%1: the saved annotation could not be read, so it is not overwritten</source>
        <translation>%1: 保存済みのアノテーションを読み込めないため、上書きしません</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1: フォルダーを作成できません</translation>
    </message>
    <message>
        <source>%1: unsupported version %2</source>
        <translation>%1: サポートされていないバージョン %2</translation>
    </message>
    <message>
        <source>%1: annotation is %2x%3 but the image is %4x%5</source>
        <translation>%1: アノテーションは %2x%3 ですが、画像は %4x%5 です</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::ClassListModel</name>
    <message>
        <source>%1 (key %2, id %3)</source>
        <translation>%1（キー %2、ID %3）</translation>
    </message>
    <message>
        <source>%1 (id %2)</source>
        <translation>%1（ID %2）</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::ImageListModel</name>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Annotated</source>
        <translation>アノテーション済み</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>未着手</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::MainWindow</name>
    <message>
        <source>Cascade-CLIP Studio</source>
        <translation>Cascade-CLIP Studio</translation>
    </message>
    <message>
        <source>No model configured</source>
        <translation>モデルが設定されていません</translation>
    </message>
    <message>
        <source>Welcome to Cascade-CLIP Studio</source>
        <translation>Cascade-CLIP Studio へようこそ</translation>
    </message>
    <message>
        <source>Set Up Model…</source>
        <translation>モデルを設定…</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>フォルダーを開く…</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>モデルなし</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>Add classes: sky, road, car</source>
        <translation>クラスを追加: sky, road, car</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Keys 1–9 pick a class. Double-click to rename; the check box marks classes seen in training.</source>
        <translation>1–9 キーでクラスを選択します。ダブルクリックで名前を変更でき、チェックボックスは既知クラス（学習に含まれたクラス）を示します。</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上へ移動</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下へ移動</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>色…</translation>
    </message>
    <message>
        <source>Change the colour of the class</source>
        <translation>クラスの色を変更します</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the class from the list</source>
        <translation>リストからクラスを削除します</translation>
    </message>
    <message>
        <source>From Model</source>
        <translation>モデルから</translation>
    </message>
    <message>
        <source>Add the classes the model was trained on, with their seen flags</source>
        <translation>モデルが学習したクラスを既知フラグ付きで追加します</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>インポート…</translation>
    </message>
    <message>
        <source>Import class names from labels.txt</source>
        <translation>labels.txt からクラス名をインポートします</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Export class names to labels.txt</source>
        <translation>クラス名を labels.txt にエクスポートします</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation>画像を開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>フォルダーを開く(&amp;F)…</translation>
    </message>
    <message>
        <source>Set Up &amp;Model…</source>
        <translation>モデルを設定(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Could not save the annotations.</source>
        <translation>アノテーションを保存できませんでした。</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存しました</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直す(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation>次の画像(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation>前の画像(&amp;P)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Segment the image with the classes in the panel (Ctrl+Return)</source>
        <translation>パネルのクラスで画像をセグメンテーションします（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop the running segmentation (Esc)</source>
        <translation>実行中のセグメンテーションを停止します（Esc）</translation>
    </message>
    <message>
        <source>%v / %m windows</source>
        <translation>ウィンドウ %v / %m</translation>
    </message>
    <message>
        <source> Threshold </source>
        <translation> しきい値 </translation>
    </message>
    <message>
        <source>Pixels whose best class scores below this are left unlabeled</source>
        <translation>最良クラスのスコアがこの値未満のピクセルは未ラベルのままになります</translation>
    </message>
    <message>
        <source> Opacity </source>
        <translation> 不透明度 </translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>マスク</translation>
    </message>
    <message>
        <source>Show or hide the mask (Ctrl+M)</source>
        <translation>マスクを表示または非表示にします（Ctrl+M）</translation>
    </message>
    <message>
        <source>Contours</source>
        <translation>輪郭</translation>
    </message>
    <message>
        <source>Draw only the outlines of regions (Ctrl+Shift+M)</source>
        <translation>領域の輪郭のみを描画します（Ctrl+Shift+M）</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>ツール</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>ブラシ</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>消しゴム</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>塗りつぶし</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>ポリゴン</translation>
    </message>
    <message>
        <source>Subtract polygon</source>
        <translation>ポリゴンを減算</translation>
    </message>
    <message>
        <source>Brush radius in image pixels ([ and ])</source>
        <translation>画像ピクセル単位のブラシ半径（[ と ]）</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Smaller Brush</source>
        <translation>ブラシを小さく</translation>
    </message>
    <message>
        <source>Larger Brush</source>
        <translation>ブラシを大きく</translation>
    </message>
    <message>
        <source>Only
unlabeled</source>
        <translation>未ラベル
のみ</translation>
    </message>
    <message>
        <source>Paint only pixels that have no label yet</source>
        <translation>まだラベルのないピクセルだけを塗ります</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>拡大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>ウィンドウに合わせる(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>実際のサイズ(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Cascade-CLIP Studio</source>
        <translation>Cascade-CLIP Studio について(&amp;A)</translation>
    </message>
    <message>
        <source>About Cascade-CLIP Studio</source>
        <translation>Cascade-CLIP Studio について</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cascade-CLIP Studio %1&lt;/b&gt;&lt;p&gt;Zero-shot semantic segmentation with Cascade-CLIP.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;&lt;pre&gt;%3&lt;/pre&gt;</source>
        <translation>&lt;b&gt;Cascade-CLIP Studio %1&lt;/b&gt;&lt;p&gt;Cascade-CLIP によるゼロショット・セマンティックセグメンテーション。&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;&lt;pre&gt;%3&lt;/pre&gt;</translation>
    </message>
    <message>
        <source>Choose a Model Bundle</source>
        <translation>モデルバンドルを選択</translation>
    </message>
    <message>
        <source>Model bundles (*.safetensors);;All files (*)</source>
        <translation>モデルバンドル (*.safetensors);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>画像を開く</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>画像 (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>フォルダーを開く</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>モデルを読み込み中…</translation>
    </message>
    <message>
        <source>Loading model “%1”…</source>
        <translation>モデル「%1」を読み込み中…</translation>
    </message>
    <message>
        <source>Model: %1 (%2)</source>
        <translation>モデル: %1（%2）</translation>
    </message>
    <message>
        <source>Model ready</source>
        <translation>モデルの準備完了</translation>
    </message>
    <message>
        <source>Could not load the model “%1”: %2.</source>
        <translation>モデル「%1」を読み込めませんでした: %2。</translation>
    </message>
    <message>
        <source>Could not open “%1”: it is not an image this program can read.</source>
        <translation>「%1」を開けませんでした: このプログラムで読み込める画像ではありません。</translation>
    </message>
    <message>
        <source>Could not open the folder “%1”: it does not exist.</source>
        <translation>フォルダー「%1」を開けませんでした: 存在しません。</translation>
    </message>
    <message>
        <source>Could not open the project in “%1”: its project file is unreadable.</source>
        <translation>「%1」のプロジェクトを開けませんでした: プロジェクトファイルを読み込めません。</translation>
    </message>
    <message>
        <source>The folder “%1” contains no images this program can read.</source>
        <translation>フォルダー「%1」にはこのプログラムで読み込める画像がありません。</translation>
    </message>
    <message>
        <source>Could not open “%1”: %2.</source>
        <translation>「%1」を開けませんでした: %2。</translation>
    </message>
    <message>
        <source>The saved annotation of “%1” could not be read. It is kept as it is and will not be overwritten.</source>
        <translation>「%1」の保存済みアノテーションを読み込めませんでした。そのまま保持され、上書きされません。</translation>
    </message>
    <message>
        <source>Those classes are already in the list</source>
        <translation>それらのクラスはすでにリストにあります</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>クラス: %1</translation>
    </message>
    <message>
        <source>Class Colour</source>
        <translation>クラスの色</translation>
    </message>
    <message>
        <source>Import Labels</source>
        <translation>ラベルをインポート</translation>
    </message>
    <message>
        <source>Label lists (*.txt);;All files (*)</source>
        <translation>ラベルリスト (*.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Could not import “%1”.</source>
        <translation>「%1」をインポートできませんでした。</translation>
    </message>
    <message>
        <source>Export Labels</source>
        <translation>ラベルをエクスポート</translation>
    </message>
    <message>
        <source>Label lists (*.txt)</source>
        <translation>ラベルリスト (*.txt)</translation>
    </message>
    <message>
        <source>Could not export “%1”.</source>
        <translation>「%1」をエクスポートできませんでした。</translation>
    </message>
    <message>
        <source>Open an image or a folder first (Ctrl+O / Ctrl+U).</source>
        <translation>先に画像またはフォルダーを開いてください（Ctrl+O / Ctrl+U）。</translation>
    </message>
    <message>
        <source>The model is still loading. Run again when the status bar shows it is ready.</source>
        <translation>モデルはまだ読み込み中です。ステータスバーに準備完了と表示されたら、もう一度実行してください。</translation>
    </message>
    <message>
        <source>No model is loaded. Use “Set Up Model…” to choose a model bundle.</source>
        <translation>モデルが読み込まれていません。「モデルを設定…」でモデルバンドルを選択してください。</translation>
    </message>
    <message>
        <source>Type at least one class name in the Classes panel, then run again.</source>
        <translation>クラスパネルにクラス名を 1 つ以上入力してから、もう一度実行してください。</translation>
    </message>
    <message>
        <source>Segmenting “%1”…</source>
        <translation>「%1」をセグメンテーション中…</translation>
    </message>
    <message>
        <source>Could not segment “%1”: %2.</source>
        <translation>「%1」をセグメンテーションできませんでした: %2。</translation>
    </message>
    <message>
        <source>result is %1x%2, image is %3x%4</source>
        <translation>結果は %1x%2、画像は %3x%4 です</translation>
    </message>
    <message numerus="yes">
        <source>Segment with %n class(es)</source>
        <translation>
            <numerusform>%n 個のクラスでセグメンテーション</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Segmented “%1” (%n window(s))</source>
        <translation>
            <numerusform>「%1」のセグメンテーション完了（%n ウィンドウ）</numerusform>
        </translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>キャンセルしました</translation>
    </message>
    <message>
        <source>the model file was not found</source>
        <translation>モデルファイルが見つかりません</translation>
    </message>
    <message>
        <source>the model file is damaged or is not a Cascade-CLIP model bundle</source>
        <translation>モデルファイルが破損しているか、Cascade-CLIP のモデルバンドルではありません</translation>
    </message>
    <message>
        <source>the image could not be read</source>
        <translation>画像を読み込めません</translation>
    </message>
    <message>
        <source>the request is not valid</source>
        <translation>要求が正しくありません</translation>
    </message>
    <message>
        <source>there is not enough memory</source>
        <translation>メモリが不足しています</translation>
    </message>
    <message>
        <source>the compute device is not available</source>
        <translation>計算デバイスを利用できません</translation>
    </message>
    <message>
        <source>a file could not be read or written</source>
        <translation>ファイルを読み書きできません</translation>
    </message>
    <message>
        <source>an internal error occurred</source>
        <translation>内部エラーが発生しました</translation>
    </message>
    <message>
        <source>Add a class and select it to paint with it.</source>
        <translation>塗るには、クラスを追加して選択してください。</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Paint %1</source>
        <translation>%1 を塗る</translation>
    </message>
    <message>
        <source>Add a class and select it to fill with it.</source>
        <translation>塗りつぶすには、クラスを追加して選択してください。</translation>
    </message>
    <message>
        <source>Fill %1</source>
        <translation>%1 で塗りつぶし</translation>
    </message>
    <message>
        <source>Add a class and select it to draw polygons with it.</source>
        <translation>ポリゴンを描くには、クラスを追加して選択してください。</translation>
    </message>
    <message>
        <source>Subtract polygon from %1</source>
        <translation>%1 からポリゴンを減算</translation>
    </message>
    <message>
        <source>Polygon %1</source>
        <translation>ポリゴン %1</translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation>未ラベル</translation>
    </message>
    <message>
        <source>removed class %1</source>
        <translation>削除されたクラス %1</translation>
    </message>
    <message>
        <source>x %1  y %2  ·  %3  (score %4)</source>
        <translation>x %1  y %2  ·  %3  （スコア %4）</translation>
    </message>
    <message>
        <source>x %1  y %2  ·  %3</source>
        <translation>x %1  y %2  ·  %3</translation>
    </message>
    <message>
        <source>No model is configured yet. Set up a model bundle, or import OpenAI&apos;s ViT-B-16.pt together with an official Cascade-CLIP checkpoint, then open an image or a folder and type the class names you want.</source>
        <translation>モデルがまだ設定されていません。モデルバンドルを設定するか、OpenAI の ViT-B-16.pt を公式の Cascade-CLIP チェックポイントと一緒にインポートしてから、画像またはフォルダーを開き、必要なクラス名を入力してください。</translation>
    </message>
    <message>
        <source>The model is ready. Open an image (Ctrl+O) or a folder of images (Ctrl+U), type the class names you want in the Classes panel, and press Run.</source>
        <translation>モデルの準備ができました。画像（Ctrl+O）または画像フォルダー（Ctrl+U）を開き、クラスパネルに必要なクラス名を入力して「実行」を押してください。</translation>
    </message>
    <message>
        <source>%1 — %2 — Cascade-CLIP Studio</source>
        <translation>%1 — %2 — Cascade-CLIP Studio</translation>
    </message>
    <message>
        <source>Could not save the project file.</source>
        <translation>プロジェクトファイルを保存できませんでした。</translation>
    </message>
    <message>
        <source>Could not save the annotation of “%1”.</source>
        <translation>「%1」のアノテーションを保存できませんでした。</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::MessageWidget</name>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::SegmentationController</name>
    <message>
        <source>out of memory while loading the model</source>
        <translation>モデルの読み込み中にメモリが不足しました</translation>
    </message>
    <message>
        <source>unknown exception while loading the model</source>
        <translation>モデルの読み込み中に不明な例外が発生しました</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>メモリ不足</translation>
    </message>
    <message>
        <source>unknown exception</source>
        <translation>不明な例外</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::i18n</name>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>The new language is used the next time Cascade-CLIP Studio starts.</source>
        <translation>新しい言語は、次に Cascade-CLIP Studio を起動したときに使われます。</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>システムの既定</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::project</name>
    <message>
        <source>unsupported project version %1</source>
        <translation>サポートされていないプロジェクトバージョン %1</translation>
    </message>
    <message>
        <source>class id %1 out of range</source>
        <translation>クラス ID %1 が範囲外です</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Zero-shot semantic segmentation with Cascade-CLIP.</source>
        <translation>Cascade-CLIP によるゼロショット・セマンティックセグメンテーション。</translation>
    </message>
    <message>
        <source>Show version, LibTorch, BLAS, threads and device.</source>
        <translation>バージョン、LibTorch、BLAS、スレッド数、デバイスを表示します。</translation>
    </message>
    <message>
        <source>Show the main window and quit at once (an installation check).</source>
        <translation>メインウィンドウを表示してすぐに終了します（インストールの確認用）。</translation>
    </message>
    <message>
        <source>An image, a folder of images or a project file to open.</source>
        <translation>開く画像、画像フォルダー、またはプロジェクトファイル。</translation>
    </message>
</context>
</TS>
