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
    <message>
        <source>%1: written by another program or window after this image was opened; not overwritten (reopen the image to see those masks)</source>
        <translation>%1: この画像を開いた後に別のプログラムまたはウィンドウが書き込んだため、上書きしません（それらのマスクを見るには画像を開き直してください）</translation>
    </message>
    <message>
        <source>%1: &quot;nga&quot; must hold six numbers</source>
        <translation>%1: &quot;nga&quot; には 6 個の数値が必要です</translation>
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
    <name>cascadeclip::ui::ExportDialog</name>
    <message>
        <source>the destination is read-only or you may not write there</source>
        <translation>保存先が読み取り専用か、書き込む権限がありません</translation>
    </message>
    <message>
        <source>it would replace one of the images; choose another folder</source>
        <translation>画像のいずれかを上書きしてしまいます。別のフォルダーを選択してください</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>ディスクがいっぱいです</translation>
    </message>
    <message>
        <source>the folder cannot be created</source>
        <translation>フォルダーを作成できません</translation>
    </message>
    <message>
        <source>two classes have the same colour (a colour export needs distinct colours)</source>
        <translation>2 つのクラスが同じ色です（色付きのエクスポートには異なる色が必要です）</translation>
    </message>
    <message>
        <source>it could not be written (see the details)</source>
        <translation>書き込めませんでした（詳細を参照してください）</translation>
    </message>
    <message>
        <source>Export Annotations</source>
        <translation>アノテーションのエクスポート</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Index PNG (8-bit palette; 255 = unlabeled)</source>
        <translation>インデックス PNG（8 ビットパレット、255 = 未ラベル）</translation>
    </message>
    <message>
        <source>NAME.png: pixel = class position in the panel, as VOC and MMSeg read it</source>
        <translation>NAME.png: ピクセル値 = パネル内でのクラスの位置（VOC と MMSeg の読み取り方式）</translation>
    </message>
    <message>
        <source>Colour PNG with labelmap.txt and legend.json</source>
        <translation>色付き PNG（labelmap.txt と legend.json 付き）</translation>
    </message>
    <message>
        <source>NAME_color.png for people, with CVAT&apos;s labelmap.txt and a JSON legend</source>
        <translation>人が見るための NAME_color.png（CVAT の labelmap.txt と JSON の凡例付き）</translation>
    </message>
    <message>
        <source>COCO JSON (RLE masks)</source>
        <translation>COCO JSON（RLE マスク）</translation>
    </message>
    <message>
        <source>coco.json: one annotation per class present in an image; category id = class id + 1</source>
        <translation>coco.json: 画像内にあるクラスごとに 1 つのアノテーション、カテゴリ ID = クラス ID + 1</translation>
    </message>
    <message>
        <source>Polygons where exact (RLE for regions with holes)</source>
        <translation>正確に表せる場合はポリゴン（穴のある領域は RLE）</translation>
    </message>
    <message>
        <source>labelme JSON (mask shapes)</source>
        <translation>labelme JSON（マスク図形）</translation>
    </message>
    <message>
        <source>NAME.json for labelme, X-AnyLabeling and CVAT&apos;s LabelMe format</source>
        <translation>labelme、X-AnyLabeling、CVAT の LabelMe 形式用の NAME.json</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Destination folder:</source>
        <translation>保存先フォルダー:</translation>
    </message>
    <message>
        <source>%v / %m images</source>
        <translation>画像 %v / %m</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>Exported “%1”</source>
        <translation>「%1」をエクスポートしました</translation>
    </message>
    <message>
        <source>Export canceled. The files written so far are complete.</source>
        <translation>エクスポートをキャンセルしました。ここまでに書き込んだファイルは完全です。</translation>
    </message>
    <message>
        <source>Current image</source>
        <translation>現在の画像</translation>
    </message>
    <message>
        <source>Current image (%1)</source>
        <translation>現在の画像（%1）</translation>
    </message>
    <message numerus="yes">
        <source>All images of the project (%n image(s))</source>
        <translation>
            <numerusform>プロジェクトのすべての画像（%n 枚）</numerusform>
        </translation>
    </message>
    <message>
        <source>Export To</source>
        <translation>エクスポート先</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>There is nothing to export: no image has an annotation yet.</source>
        <translation>エクスポートするものがありません: アノテーションのある画像がまだありません。</translation>
    </message>
    <message>
        <source>There is nothing to export: the project has no classes.</source>
        <translation>エクスポートするものがありません: プロジェクトにクラスがありません。</translation>
    </message>
    <message>
        <source>Exporting to “%1”…</source>
        <translation>「%1」にエクスポート中…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) to “%1”.</source>
        <translation>
            <numerusform>%n 枚の画像を「%1」にエクスポートしました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) without annotation were left out.</source>
        <translation>
            <numerusform>アノテーションのない %n 枚の画像は除外しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export “%1”: %2.</source>
        <translation>「%1」をエクスポートできませんでした: %2。</translation>
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
    <name>cascadeclip::ui::InspectorChart</name>
    <message>
        <source>Alt+click a pixel (or use the Inspect tool, I) to see how each level contributed to its scores.</source>
        <translation>ピクセルを Alt+クリックする（または検査ツール I を使う）と、各レベルがそのスコアにどれだけ寄与したかを確認できます。</translation>
    </message>
    <message>
        <source>b5</source>
        <translation>b5</translation>
    </message>
    <message>
        <source>b6</source>
        <translation>b6</translation>
    </message>
    <message>
        <source>b7</source>
        <translation>b7</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>バイアス</translation>
    </message>
    <message>
        <source>b8</source>
        <translation>b8</translation>
    </message>
    <message>
        <source>b9</source>
        <translation>b9</translation>
    </message>
    <message>
        <source>b10</source>
        <translation>b10</translation>
    </message>
    <message>
        <source>stage 3</source>
        <translation>ステージ 3</translation>
    </message>
    <message>
        <source>Stage 1:</source>
        <translation>ステージ 1:</translation>
    </message>
    <message>
        <source>Stage 2:</source>
        <translation>ステージ 2:</translation>
    </message>
    <message>
        <source>p %1</source>
        <translation>p %1</translation>
    </message>
    <message>
        <source>ℓ %1</source>
        <translation>ℓ %1</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::InspectorPanel</name>
    <message>
        <source>Pin</source>
        <translation>ピン留め</translation>
    </message>
    <message>
        <source>Keep this pixel in the list when the next one is inspected</source>
        <translation>次のピクセルを検査するときも、このピクセルをリストに残します</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Copy as CSV</source>
        <translation>CSV としてコピー</translation>
    </message>
    <message>
        <source>Copy every listed pixel&apos;s per-class, per-stage and per-block values</source>
        <translation>リスト内のすべてのピクセルについて、クラス別・ステージ別・ブロック別の値をコピーします</translation>
    </message>
    <message>
        <source>x %1, y %2 · %3 (%4)%5</source>
        <translation>x %1、y %2 · %3（%4）%5</translation>
    </message>
    <message>
        <source> · pinned</source>
        <translation> · ピン留め済み</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n pixel(s) as CSV</source>
        <translation>
            <numerusform>%n 個のピクセルを CSV としてコピーしました</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::LevelView</name>
    <message>
        <source>Annotation</source>
        <translation>アノテーション</translation>
    </message>
    <message>
        <source>Stage 1 (blocks 5–7)</source>
        <translation>ステージ 1（ブロック 5–7）</translation>
    </message>
    <message>
        <source>Stage 2 (blocks 8–10)</source>
        <translation>ステージ 2（ブロック 8–10）</translation>
    </message>
    <message>
        <source>Stage 3 (final block)</source>
        <translation>ステージ 3（最後のブロック）</translation>
    </message>
    <message>
        <source>Fused</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>All four levels</source>
        <translation>4 つのレベルすべて</translation>
    </message>
    <message>
        <source> View </source>
        <translation> 表示 </translation>
    </message>
    <message>
        <source>Show the annotation, one level of the cascade, or all four side by side. The level views are read-only; click with Alt (or the Inspect tool) to inspect a pixel.</source>
        <translation>アノテーション、カスケードの 1 つのレベル、または 4 つのレベルすべてを並べて表示します。レベルビューは読み取り専用です。Alt を押しながらクリックする（または検査ツールを使う）とピクセルを検査します。</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>確率</translation>
    </message>
    <message>
        <source>Logit</source>
        <translation>ロジット</translation>
    </message>
    <message>
        <source>Draw the level as a label map, or one class&apos;s probability or logit as a heatmap</source>
        <translation>レベルをラベルマップとして、または 1 つのクラスの確率かロジットをヒートマップとして描画します</translation>
    </message>
    <message>
        <source>Class of the heatmap</source>
        <translation>ヒートマップのクラス</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>確率</translation>
    </message>
    <message>
        <source>logit</source>
        <translation>ロジット</translation>
    </message>
    <message>
        <source>stage 1</source>
        <translation>ステージ 1</translation>
    </message>
    <message>
        <source>stage 2</source>
        <translation>ステージ 2</translation>
    </message>
    <message>
        <source>stage 3</source>
        <translation>ステージ 3</translation>
    </message>
    <message>
        <source>fused</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>%1
%2, %3</source>
        <extracomment>Keep the ASCII comma: the four-up panes show only what comes before it.</extracomment>
        <translation>%1
%2, %3</translation>
    </message>
    <message>
        <source>%1 — re-decoding…</source>
        <translation>%1 — 再デコード中…</translation>
    </message>
    <message>
        <source>%1 — run the model</source>
        <translation>%1 — モデルを実行してください</translation>
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
    <message>
        <source>&amp;Export…</source>
        <translation>エクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Could not re-decode “%1”: %2.</source>
        <translation>「%1」を再デコードできませんでした: %2。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) to “%1”</source>
        <translation>
            <numerusform>%n 枚の画像を「%1」にエクスポートしました</numerusform>
        </translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>レベル</translation>
    </message>
    <message>
        <source>NGA Weights</source>
        <translation>NGA の重み</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>インスペクター</translation>
    </message>
    <message>
        <source>Could not inspect the pixel: %1.</source>
        <translation>ピクセルを検査できませんでした: %1。</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>検査</translation>
    </message>
    <message>
        <source>Inspect: click a pixel to see each level&apos;s share of its scores (I; Alt+click with any tool)</source>
        <translation>検査: ピクセルをクリックすると、そのスコアに対する各レベルの寄与を表示します（I、どのツールでも Alt+クリック）</translation>
    </message>
    <message>
        <source>Press Run to segment this image with these NGA weights</source>
        <translation>この NGA の重みで画像をセグメンテーションするには「実行」を押してください</translation>
    </message>
    <message>
        <source>Press Run to see the levels of this image</source>
        <translation>この画像のレベルを表示するには「実行」を押してください</translation>
    </message>
    <message>
        <source>Change NGA weights</source>
        <translation>NGA の重みを変更</translation>
    </message>
    <message>
        <source>Run the model on this image first: the inspector reads the features it cached.</source>
        <translation>先にこの画像でモデルを実行してください: インスペクターはモデルがキャッシュした特徴量を読み取ります。</translation>
    </message>
    <message>
        <source>Inspecting x %1, y %2…</source>
        <translation>x %1、y %2 を検査中…</translation>
    </message>
    <message>
        <source>Remove Class</source>
        <translation>クラスを削除</translation>
    </message>
    <message numerus="yes">
        <source>“%1” labels %n pixel(s) of this image.</source>
        <translation>
            <numerusform>“%1” はこの画像の %n ピクセルにラベル付けされています。</numerusform>
        </translation>
    </message>
    <message>
        <source>Removing the class leaves its pixels unlabeled, in this image and in every other image it labels, when they are next saved. This cannot be undone.</source>
        <translation>クラスを削除すると、この画像とこのクラスがラベル付けされた他のすべての画像で、そのピクセルは次回の保存時に未ラベルになります。この操作は元に戻せません。</translation>
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
    <name>cascadeclip::ui::ModelSetupDialog</name>
    <message>
        <source>Set Up Model</source>
        <translation>モデルを設定</translation>
    </message>
    <message>
        <source>Model bundle</source>
        <translation>モデルバンドル</translation>
    </message>
    <message>
        <source>Bundle:</source>
        <translation>バンドル:</translation>
    </message>
    <message>
        <source>Model bundles (*.safetensors)</source>
        <translation>モデルバンドル (*.safetensors)</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>読み込む</translation>
    </message>
    <message>
        <source>Import the official files</source>
        <translation>公式ファイルのインポート</translation>
    </message>
    <message>
        <source>CLIP ViT-B/16:</source>
        <translation>CLIP ViT-B/16:</translation>
    </message>
    <message>
        <source>OpenAI CLIP (*.pt);;All files (*)</source>
        <translation>OpenAI CLIP (*.pt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>ViT-B-16.pt from OpenAI</source>
        <translation>OpenAI の ViT-B-16.pt</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>チェックポイント:</translation>
    </message>
    <message>
        <source>Cascade-CLIP checkpoints (*.pth);;All files (*)</source>
        <translation>Cascade-CLIP チェックポイント (*.pth);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>official Cascade-CLIP .pth</source>
        <translation>公式の Cascade-CLIP .pth</translation>
    </message>
    <message>
        <source>Vocabulary:</source>
        <translation>語彙:</translation>
    </message>
    <message>
        <source>CLIP vocabulary (*.txt.gz *.txt);;All files (*)</source>
        <translation>CLIP 語彙 (*.txt.gz *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>%1 (default: next to the checkpoint or CLIP file)</source>
        <translation>%1（既定: チェックポイントまたは CLIP ファイルと同じフォルダー）</translation>
    </message>
    <message>
        <source>From the checkpoint&apos;s dataset</source>
        <translation>チェックポイントのデータセットに従う</translation>
    </message>
    <message>
        <source>Single: “a photo of a {}” (VOC)</source>
        <translation>単一: 「a photo of a {}」（VOC）</translation>
    </message>
    <message>
        <source>Multi: 15 templates (Context, COCO)</source>
        <translation>複数: 15 個のテンプレート（Context、COCO）</translation>
    </message>
    <message>
        <source>Templates:</source>
        <translation>テンプレート:</translation>
    </message>
    <message>
        <source>From the checkpoint&apos;s config</source>
        <translation>チェックポイントの設定に従う</translation>
    </message>
    <message>
        <source>Inductive (seen classes −0.1)</source>
        <translation>帰納的（既知クラス −0.1）</translation>
    </message>
    <message>
        <source>Transductive</source>
        <translation>トランスダクティブ</translation>
    </message>
    <message>
        <source>Setting:</source>
        <translation>設定:</translation>
    </message>
    <message>
        <source>All classes (cross-dataset)</source>
        <translation>すべてのクラス（クロスデータセット）</translation>
    </message>
    <message>
        <source>These indices:</source>
        <translation>次のインデックス:</translation>
    </message>
    <message>
        <source>0,1,2,…</source>
        <translation>0,1,2,…</translation>
    </message>
    <message>
        <source>Seen classes:</source>
        <translation>既知クラス:</translation>
    </message>
    <message>
        <source>Save bundle as:</source>
        <translation>バンドルの保存先:</translation>
    </message>
    <message>
        <source>NAME.safetensors</source>
        <translation>NAME.safetensors</translation>
    </message>
    <message>
        <source>Cancel Import</source>
        <translation>インポートをキャンセル</translation>
    </message>
    <message>
        <source>Import and Load</source>
        <translation>インポートして読み込む</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>ランタイム</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>自動（利用できる場合は CUDA）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message numerus="yes">
        <source>CUDA (%n GPU(s))</source>
        <translation>
            <numerusform>CUDA（GPU %n 台）</numerusform>
        </translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>デバイス:</translation>
    </message>
    <message>
        <source>All cores</source>
        <translation>すべてのコア</translation>
    </message>
    <message>
        <source>Threads the model uses on the CPU; applied when the model is loaded</source>
        <translation>モデルが CPU で使うスレッド数です。モデルの読み込み時に適用されます</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>スレッド:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message numerus="yes">
        <source>Imported “%1” (%n tensor(s), %2 classes). Loading it…</source>
        <translation>
            <numerusform>「%1」をインポートしました（テンソル %n 個、クラス %2 個）。読み込み中…</numerusform>
        </translation>
    </message>
    <message>
        <source>Import canceled; no bundle was written.</source>
        <translation>インポートをキャンセルしました。バンドルは書き込まれていません。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Choose a model bundle (.safetensors) to load.</source>
        <translation>読み込むモデルバンドル（.safetensors）を選択してください。</translation>
    </message>
    <message>
        <source>Could not load “%1”: the file does not exist.</source>
        <translation>「%1」を読み込めませんでした: ファイルが存在しません。</translation>
    </message>
    <message>
        <source>Choose the official Cascade-CLIP checkpoint (.pth) to import.</source>
        <translation>インポートする公式の Cascade-CLIP チェックポイント（.pth）を選択してください。</translation>
    </message>
    <message>
        <source>Could not import “%1”: the file does not exist.</source>
        <translation>「%1」をインポートできませんでした: ファイルが存在しません。</translation>
    </message>
    <message>
        <source>Choose where to save the new model bundle.</source>
        <translation>新しいモデルバンドルの保存先を選択してください。</translation>
    </message>
    <message>
        <source>Could not find CLIP&apos;s vocabulary %1: choose it in the Vocabulary field.</source>
        <translation>CLIP の語彙 %1 が見つかりませんでした: 「語彙」欄で選択してください。</translation>
    </message>
    <message>
        <source>“%1” is not a class index: give the seen classes as 0,1,2,…</source>
        <translation>「%1」はクラスインデックスではありません: 既知クラスは 0,1,2,… の形式で指定してください</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>インポート中…</translation>
    </message>
    <message>
        <source>a file was not found</source>
        <translation>ファイルが見つかりません</translation>
    </message>
    <message>
        <source>it is not a file this import can read, or it is damaged</source>
        <translation>このインポートで読み込めるファイルではないか、破損しています</translation>
    </message>
    <message>
        <source>the settings do not fit the checkpoint</source>
        <translation>設定がチェックポイントと合いません</translation>
    </message>
    <message>
        <source>there is not enough memory</source>
        <translation>メモリが不足しています</translation>
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
        <source>Could not import “%1”: %2.</source>
        <translation>「%1」をインポートできませんでした: %2。</translation>
    </message>
    <message numerus="yes">
        <source>Found: CPU with %1 hardware threads; CUDA: %n GPU(s)</source>
        <translation>
            <numerusform>検出: ハードウェアスレッド %1 個の CPU、CUDA: GPU %n 台</numerusform>
        </translation>
    </message>
    <message>
        <source>Found: CPU with %1 hardware threads. No CUDA: %2.</source>
        <translation>検出: ハードウェアスレッド %1 個の CPU。CUDA なし: %2。</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::NgaPanel</name>
    <message>
        <source>Stage 1 (blocks 5–7)</source>
        <translation>ステージ 1（ブロック 5–7）</translation>
    </message>
    <message>
        <source>Stage 2 (blocks 8–10)</source>
        <translation>ステージ 2（ブロック 8–10）</translation>
    </message>
    <message>
        <source>Block %1</source>
        <translation>ブロック %1</translation>
    </message>
    <message>
        <source>Weight of block %1 in stage %2</source>
        <translation>ステージ %2 のブロック %1 の重み</translation>
    </message>
    <message>
        <source>Gaussian preset</source>
        <translation>ガウスプリセット</translation>
    </message>
    <message>
        <source>σ</source>
        <translation>σ</translation>
    </message>
    <message>
        <source>Width of the Gaussian: weight = exp(−d²/2σ²), d = blocks to the stage&apos;s last</source>
        <translation>ガウスの幅: 重み = exp(−d²/2σ²)、d = ステージの最後のブロックまでのブロック数</translation>
    </message>
    <message>
        <source>Apply Gaussian</source>
        <translation>ガウスを適用</translation>
    </message>
    <message>
        <source>Set both stages to exp(−d²/2σ²); moving σ afterwards updates them live</source>
        <translation>両方のステージを exp(−d²/2σ²) に設定します。その後 σ を動かすとリアルタイムに更新されます</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>リセット</translation>
    </message>
    <message>
        <source>Back to the checkpoint&apos;s learned weights</source>
        <translation>チェックポイントの学習済みの重みに戻します</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>編集済み</translation>
    </message>
    <message>
        <source>Checkpoint weights</source>
        <translation>チェックポイントの重み</translation>
    </message>
    <message>
        <source>Checkpoint: %1, %2, %3 | %4, %5, %6</source>
        <translation>チェックポイント: %1, %2, %3 | %4, %5, %6</translation>
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
